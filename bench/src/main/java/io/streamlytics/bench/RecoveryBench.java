package io.streamlytics.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Benchmark 5, recovery: instances as separate processes build their state from the loaded
 * api-requests; one is killed with SIGKILL and started again at once on the same state directory.
 * Timed from the kill: until it is /ready, until it answers queries for a sample of keys, and (with
 * a standby on a second instance) until the survivor answers them all.
 */
@Command(name = "recovery", mixinStandardHelpOptions = true, description = "kill -9 an instance, restart it: time to /ready and to answers.")
public final class RecoveryBench implements Callable<Integer> {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final int SAMPLE_KEYS = 20;

    @Option(names = "--events", description = "api-requests loaded, the state to recover (default ${DEFAULT-VALUE})")
    long events = 500_000;
    @Option(names = "--customers", description = "distinct customers (default ${DEFAULT-VALUE})")
    int customers = 50_000;
    @Option(names = "--runs", description = "runs of each case (default ${DEFAULT-VALUE})")
    int runs = 2;
    @Option(names = "--heap", description = "-Xmx of each instance (default ${DEFAULT-VALUE})")
    String heap = "512m";
    @Option(names = "--before", description = "a checkout of the code before a change, compiled (mvn -o compile -pl app -am in it):"
            + " its instances are measured side by side with this checkout's, alternating run by run; repeatable")
    List<Path> before = List.of();
    @Option(names = "--variant", description = "Kafka client properties of one variant of this checkout, as a --kafka-config file"
            + " gives them, e.g. restore.consumer.max.poll.records=10000 (comma-separated); '' is the default configuration."
            + " Several are measured side by side, alternating run by run (default: the default configuration only)")
    List<String> variants = List.of("");
    @Option(names = "--no-standby-case", description = "measure the lone instance only, not also two instances with a standby")
    boolean loneOnly;
    @Option(names = "--keep-logs", description = "a directory to copy every instance's log to, named by application id and instance"
            + " (the work directory, logs included, is deleted at the end)")
    Path keepLogs;
    @Option(names = "--out", description = "directory of the figures and charts (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    /** The code an instance runs: this checkout's, or one before a change (its classes first on the classpath). */
    private record Code(String label, ServeProcess.Launch launch) {
        static Code current(ClientVariant variant) {
            return new Code(variant.isDefault() ? "this checkout" : "this checkout, " + variant.text(), new ServeProcess.Launch(
                    variant.properties(), List.of(), BenchInstances.PARTITIONS, ""));
        }

        static Code before(Path checkout) {
            return new Code("code before (" + checkout + ")", ServeProcess.Launch.codeBefore(checkout, BenchInstances.PARTITIONS,
                    ServeProcess.Launch.SERVE_DEFAULT_THREADS));
        }
    }

    /** Seconds from the kill; survivor is NaN without a second instance. */
    record Recovery(double ready, double answering, double survivorAnswering) {
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report("recovery", out);
        report.line("%,d api-requests of %,d customers; instances in their own JVM with -Xmx%s; %d run(s) per case", events, customers, heap, runs);
        List<Code> codes = new ArrayList<>();
        variants.forEach(variant -> codes.add(Code.current(new ClientVariant(variant))));
        before.forEach(checkout -> codes.add(Code.before(checkout)));
        Map<Code, List<Recovery>> alone = new LinkedHashMap<>();
        Map<Code, List<Recovery>> withStandby = new LinkedHashMap<>();
        try (LoadedCluster cluster = LoadedCluster.start("bench-recovery", events, customers)) {
            for (int run = 1; run <= runs; run++) {
                for (int c = 0; c < codes.size(); c++) {
                    Code code = codes.get(c);
                    String id = "bench-recovery-" + (c == 0 ? "" : "code" + c + "-");
                    report.line("run %d, %s", run, code.label());
                    alone.computeIfAbsent(code, k -> new ArrayList<>()).add(recover(report, cluster, id + "alone-" + run, 0, code.launch()));
                    if (!loneOnly) {
                        withStandby.computeIfAbsent(code, k -> new ArrayList<>())
                                .add(recover(report, cluster, id + "standby-" + run, 1, code.launch()));
                    }
                }
            }
        }
        List<Chart.BarGroup> groups = new ArrayList<>();
        for (Code code : codes) {
            String of = codes.size() == 1 ? "" : ", " + code.label();
            summarise(report, "one instance, no standby" + of, alone.get(code));
            groups.add(group("no standby" + of, alone.get(code)));
            if (!loneOnly) {
                summarise(report, "two instances, one standby" + of, withStandby.get(code));
                groups.add(group("one standby" + of, withStandby.get(code)));
            }
        }
        Chart.bars(report.chart("times"), "Recovery after kill -9: seconds from the kill (median of runs)", "seconds",
                List.of("restarted instance /ready", "restarted instance answers", "survivor answers every key"), groups);
        return 0;
    }

    private Recovery recover(Report report, LoadedCluster cluster, String applicationId, int standbys, ServeProcess.Launch launch)
            throws Exception {
        Path dir = cluster.work().resolve(applicationId);
        Files.createDirectories(dir);
        List<String> keys = new ArrayList<>();
        String day = ApiRequestsLoad.DEFAULT_START.toString().substring(0, 10);
        for (int k = 0; k < SAMPLE_KEYS; k++) {
            keys.add("/customers/" + ApiRequestsLoad.customerId(k * (customers / SAMPLE_KEYS)) + "/stats?from=" + day);
        }
        try (ServeProcess victim = ServeProcess.start(cluster.bootstrapServers(), applicationId, dir.resolve("a"), standbys, heap, launch);
             ServeProcess survivor = standbys == 0 ? null
                     : ServeProcess.start(cluster.bootstrapServers(), applicationId, dir.resolve("b"), standbys, heap, launch)) {
            long built = System.nanoTime();
            cluster.awaitCaughtUp(applicationId);
            ServeProcess.await(() -> answers(victim, keys) && (survivor == null || answers(survivor, keys)), TIMEOUT, "answers before the kill");
            report.line("%s: state built in %.1f s, %,d MB on disk", applicationId, (System.nanoTime() - built) / 1e9, Dirs.size(dir) >> 20);

            long killed = System.nanoTime();
            victim.kill();
            victim.restart();
            double ready = Double.NaN;
            double answering = Double.NaN;
            double survivorAnswering = survivor == null ? 0 : Double.NaN;
            while (Double.isNaN(ready) || Double.isNaN(answering) || Double.isNaN(survivorAnswering)) {
                double now = (System.nanoTime() - killed) / 1e9;
                if (now > TIMEOUT.toSeconds()) {
                    throw new IllegalStateException(applicationId + ": not recovered within " + TIMEOUT);
                }
                if (Double.isNaN(ready) && Http.status(victim.baseUrl() + "/ready") == 200) {
                    ready = now;
                }
                if (Double.isNaN(answering) && answers(victim, keys)) {
                    answering = now;
                }
                if (Double.isNaN(survivorAnswering) && answers(survivor, keys)) {
                    survivorAnswering = now;
                }
                Thread.sleep(100);
            }
            Recovery recovery = new Recovery(ready, answering, survivor == null ? Double.NaN : survivorAnswering);
            report.line("%s: after kill -9, restarted instance /ready in %.1f s, answering in %.1f s%s", applicationId, ready, answering,
                    survivor == null ? "" : String.format(", survivor answering every key in %.1f s", survivorAnswering));
            return recovery;
        } finally {
            keepLogs(applicationId, dir);
        }
    }

    private void keepLogs(String applicationId, Path dir) throws IOException {
        if (keepLogs == null) {
            return;
        }
        Files.createDirectories(keepLogs);
        for (String instance : List.of("a", "b")) {
            Path log = dir.resolve(instance + ".log");
            if (Files.exists(log)) {
                Files.copy(log, keepLogs.resolve(applicationId + "-" + instance + ".log"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** True when every key answers 200 through this instance (forwarded or from a standby as it may). */
    private static boolean answers(ServeProcess instance, List<String> keys) {
        for (String key : keys) {
            if (Http.status(instance.baseUrl() + key) != 200) {
                return false;
            }
        }
        return true;
    }

    private static void summarise(Report report, String label, List<Recovery> runs) {
        Samples survivor = Samples.of(runs.stream().map(Recovery::survivorAnswering).filter(v -> !v.isNaN()).toList());
        report.line("%s: /ready %s s; answering %s s%s", label,
                Samples.of(runs.stream().map(Recovery::ready).toList()).summary("%.1f"),
                Samples.of(runs.stream().map(Recovery::answering).toList()).summary("%.1f"),
                survivor.count() == 0 ? "" : "; survivor answering every key " + survivor.summary("%.1f") + " s");
    }

    private static Chart.BarGroup group(String label, List<Recovery> runs) {
        double survivor = Samples.of(runs.stream().map(Recovery::survivorAnswering).filter(v -> !v.isNaN()).toList()).median();
        return new Chart.BarGroup(label, new double[] {Samples.of(runs.stream().map(Recovery::ready).toList()).median(),
                Samples.of(runs.stream().map(Recovery::answering).toList()).median(), Double.isNaN(survivor) ? 0 : survivor});
    }
}
