package io.streamlytics.bench;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.ApiRequestsPipeline;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.clients.admin.Admin;
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
 * Benchmark 1, end-to-end throughput of the api-requests pipeline: loads N events into the input
 * topic of a fresh embedded broker, reads them once with a plain consumer (the ceiling), then launches
 * one instance in its own JVM from empty state (exactly-once, default configuration, or a variant, or the
 * code before a change) and times it from launch until /ready answers, and on until the group has
 * committed the end of the input and repartition topics; checks that the customers' daily counts add up
 * to N. Charts events/s over time against the raw consumer's rate.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, description = "End-to-end api-requests throughput vs a raw consumer.")
public final class ThroughputBench implements Callable<Integer> {
    private static final String APP_ID = "bench-throughput";
    /** -Xmx of every instance measured. */
    private static final String HEAP = "2g";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final long SAMPLE_MS = 500;

    @Option(names = "--events", description = "api-requests to load (default ${DEFAULT-VALUE})")
    long events = 1_000_000;
    @Option(names = "--customers", description = "distinct customers (default ${DEFAULT-VALUE})")
    int customers = 1_000;
    @Option(names = "--runs", description = "runs, each on a fresh broker (default ${DEFAULT-VALUE})")
    int runs = 3;
    @Option(names = "--stream-threads", split = ",", description = "stream threads of the instance; several values are"
            + " measured side by side, alternating run by run (default ${DEFAULT-VALUE})")
    List<Integer> streamThreads = List.of(1);
    @Option(names = "--variant", description = "Kafka client properties of one variant, as a --kafka-config file gives"
            + " them, e.g. commit.interval.ms=500 (comma-separated); '' is the default configuration. Several are measured"
            + " side by side, alternating run by run (default: the default configuration only)")
    List<String> variants = List.of("");
    @Option(names = "--before", description = "a checkout of the code before a change, compiled (mvn -o compile -pl app -am in it):"
            + " its app and topology classes are measured too, with the default configuration, on each --stream-threads count,"
            + " alternating run by run; may be repeated")
    List<Path> before = List.of();
    @Option(names = "--out", description = "directory of the figures and charts (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    /** One configuration measured, as it is launched. */
    record Setup(String label, ServeProcess.Launch launch) {
        static Setup of(int threads, ClientVariant variant) {
            return new Setup(threads + " stream thread(s)" + (variant.isDefault() ? "" : ", " + variant.text()),
                    new ServeProcess.Launch(variant.properties(), List.of(), BenchInstances.PARTITIONS, "", threads));
        }

        static Setup codeBefore(int threads, Path checkout) {
            return new Setup(threads + " stream thread(s), code before (" + checkout + ")", ServeProcess.Launch.codeBefore(checkout, BenchInstances.PARTITIONS, threads));
        }
    }

    /** Rates in events/s; seconds from launch until /ready and until the group had committed the end of every topic. */
    record Run(double rawRate, double startUpSeconds, double appRate, double steadyRate, double doneSeconds, List<Chart.Series> series) {
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report("throughput", out);
        report.line("api-requests, %,d events of %,d customers, %d partitions, %d run(s), stream threads %s, variants %s%s", events,
                customers, BenchInstances.PARTITIONS, runs, streamThreads, variants, before.isEmpty() ? "" : ", code before " + before);
        report.line("the instance: serve in its own JVM, -Xmx%s, fresh state; the broker in the benchmark's JVM", HEAP);
        List<Setup> setups = new ArrayList<>();
        for (int threads : streamThreads) {
            for (String variant : variants) {
                setups.add(Setup.of(threads, new ClientVariant(variant)));
            }
            for (Path checkout : before) {
                setups.add(Setup.codeBefore(threads, checkout));
            }
        }
        Map<Setup, List<Run>> results = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (Setup setup : setups) {
                Run result = runOnce(report, run, setup);
                results.computeIfAbsent(setup, t -> new ArrayList<>()).add(result);
                report.line("run %d, %s: raw consumer %,.0f events/s; app start-up (launch to /ready) %.1f s, then %,.0f events/s"
                                + " (steady %,.0f); ratio %.3f; launch to done %.1f s", run, setup.label(), result.rawRate(),
                        result.startUpSeconds(), result.appRate(), result.steadyRate(), result.appRate() / result.rawRate(),
                        result.doneSeconds());
            }
        }
        List<Chart.Series> lines = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        results.forEach((setup, runsOf) -> {
            String label = setup.label() + ": ";
            report.line(label + "app events/s: %s", Samples.of(runsOf.stream().map(Run::appRate).toList()).summary("%,.0f"));
            report.line(label + "steady events/s: %s", Samples.of(runsOf.stream().map(Run::steadyRate).toList()).summary("%,.0f"));
            report.line(label + "ratio app/raw: %s", Samples.of(runsOf.stream().map(r -> r.appRate() / r.rawRate()).toList()).summary("%.3f"));
            report.line(label + "seconds from launch to done: %s", Samples.of(runsOf.stream().map(Run::doneSeconds).toList()).summary("%.1f"));
            runsOf.forEach(r -> lines.addAll(r.series()));
            runsOf.forEach(r -> rawRates.add(r.rawRate()));
        });
        report.line("raw consumer events/s: %s", Samples.of(rawRates).summary("%,.0f"));
        double raw = Samples.of(rawRates).median();
        double end = lines.stream().mapToDouble(s -> s.x().length == 0 ? 0 : s.x()[s.x().length - 1]).max().orElse(1);
        lines.add(new Chart.Series("raw KafkaConsumer (median)", new double[] {0, end}, new double[] {raw, raw}));
        Chart.lines(report.chart("over-time"), "api-requests end-to-end: events/s over time (" + String.format("%,d", events) + " events)",
                "seconds since the instance was launched", "events/s", lines);
        return 0;
    }

    private Run runOnce(Report report, int run, Setup setup) throws Exception {
        String input = TopologyConfig.defaults().topics().apiRequests();
        long started = System.nanoTime();
        try (LoadedCluster cluster = LoadedCluster.start(APP_ID, events, customers);
             Admin admin = BenchKafka.admin(cluster.bootstrapServers())) {
            report.line("run %d: loaded %,d events in %.1f s (broker start included)", run, events, seconds(started));
            double rawRate = BenchKafka.rawReadRate(cluster.bootstrapServers(), input, events);
            Path state = cluster.work().resolve("state");
            long launched = System.nanoTime();
            // closed before the cluster (its broker and directory), on failure too
            try (ServeProcess serve = ServeProcess.start(cluster.bootstrapServers(), APP_ID, state, 0, HEAP, setup.launch())) {
                try {
                    return measure(admin, serve, launched, run, setup, rawRate);
                } catch (Exception e) {
                    serve.close(); // so that the log is complete
                    System.err.printf("[throughput] run %d, %s failed; the instance's log: %s%n", run, setup.label(), keptLog(serve.log()));
                    throw e;
                }
            }
        }
    }

    /** From launch until /ready, then samples the committed offsets until the group has committed the end of every topic. */
    private Run measure(Admin admin, ServeProcess serve, long launched, int run, Setup setup, double rawRate) throws Exception {
        String input = TopologyConfig.defaults().topics().apiRequests();
        // admission reads the input fast and the stage after the repartition by customer is the slower one:
        // its committed offsets (events plus a few watermarks) are the pipeline's progress
        String aggregated = APP_ID + "-" + ApiRequestsPipeline.REPARTITION + "-repartition";
        List<Double> times = new ArrayList<>();
        List<Double> admittedRates = new ArrayList<>();
        List<Double> aggregatedRates = new ArrayList<>();
        ServeProcess.await(() -> alive(serve) && Http.status(serve.baseUrl() + "/ready") == 200, READY_TIMEOUT, "/ready answering 200");
        double ready = seconds(launched);
        long[] previous = new long[2];
        double previousAt = ready;
        while (!BenchKafka.caughtUp(admin, APP_ID, input, BenchInstances.PARTITIONS)) {
            alive(serve);
            Thread.sleep(SAMPLE_MS);
            long admitted = BenchKafka.committedOn(admin, APP_ID, input);
            long counted = BenchKafka.committedOn(admin, APP_ID, aggregated);
            double at = seconds(launched);
            times.add(at);
            admittedRates.add((admitted - previous[0]) / (at - previousAt));
            aggregatedRates.add((counted - previous[1]) / (at - previousAt));
            previous = new long[] {admitted, counted};
            previousAt = at;
        }
        double done = seconds(launched);
        long counted = countedRequests(serve.baseUrl());
        if (counted != events) {
            throw new IllegalStateException("the daily stats count " + counted + " requests, expected " + events);
        }
        return new Run(rawRate, ready, events / (done - ready), steady(aggregatedRates), done, List.of(
                Chart.Series.of("run " + run + ", " + setup.label() + ": aggregated (after the repartition)", times, aggregatedRates),
                Chart.Series.of("run " + run + ", " + setup.label() + ": admitted (input topic)", times, admittedRates)));
    }

    /** True, or fails: an instance that exited would otherwise be waited for forever. */
    private static boolean alive(ServeProcess serve) {
        if (!serve.alive()) {
            throw new IllegalStateException("the instance exited");
        }
        return true;
    }

    /** A copy of the log outside the cluster's directory, which is deleted when the cluster closes. */
    private static Path keptLog(Path log) throws IOException {
        if (!Files.exists(log)) {
            return log;
        }
        Path kept = Files.createTempFile("bench-throughput-", ".log");
        return Files.copy(log, kept, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Sum of every customer's requests on the load's day, through the HTTP API. */
    private long countedRequests(String base) throws Exception {
        String day = ApiRequestsLoad.DEFAULT_START.toString().substring(0, 10);
        long total = 0;
        for (int c = 0; c < customers; c++) {
            Http.Reply reply = Http.get(base + "/customers/" + ApiRequestsLoad.customerId(c) + "/stats?from=" + day);
            if (reply.status() == 404) {
                continue; // a customer the random load never picked
            }
            for (var row : EventJson.MAPPER.readTree(reply.body())) {
                total += row.get("success_requests").asLong() + row.get("failed_requests").asLong() + row.get("client_errors").asLong();
            }
        }
        return total;
    }

    /** Median of the samples between the first and last tenth of the run: the rate once started and before the tail. */
    static double steady(List<Double> rates) {
        int from = rates.size() / 10;
        int to = Math.max(from + 1, rates.size() - rates.size() / 10);
        return rates.isEmpty() ? 0 : Samples.of(rates.subList(from, Math.min(to, rates.size()))).median();
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
