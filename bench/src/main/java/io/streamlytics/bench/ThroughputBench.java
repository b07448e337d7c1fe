package io.streamlytics.bench;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.ApiRequestsPipeline;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Benchmark 1, end-to-end throughput of the api-requests pipeline: loads N events into the input
 * topic of a fresh embedded broker, reads them once with a plain consumer (the ceiling), then starts
 * one instance from empty state (exactly-once, default configuration) and times it until the group
 * has committed the end of the input and repartition topics; checks that the customers' daily counts
 * add up to N. Charts events/s over time against the raw consumer's rate.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, description = "End-to-end api-requests throughput vs a raw consumer.")
public final class ThroughputBench implements Callable<Integer> {
    private static final String APP_ID = "bench-throughput";
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
    @Option(names = "--out", description = "directory of the figures and charts (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    /** One configuration measured: its stream threads and the client properties of its variant. */
    record Setup(int threads, String variant) {
        String label() {
            return threads + " stream thread(s)" + (variant.isEmpty() ? "" : ", " + variant);
        }

        Map<String, String> kafkaProperties() {
            return new ClientVariant(variant).properties();
        }
    }

    record Run(double rawRate, double startUpSeconds, double appRate, double steadyRate, List<Chart.Series> series) {
    }

    @Override
    public Integer call() throws Exception {
        Report report = new Report("throughput", out);
        report.line("api-requests, %,d events of %,d customers, %d partitions, %d run(s), stream threads %s, variants %s", events,
                customers, BenchInstances.PARTITIONS, runs, streamThreads, variants);
        List<Setup> setups = new ArrayList<>();
        for (int threads : streamThreads) {
            for (String variant : variants) {
                setups.add(new Setup(threads, variant));
            }
        }
        Map<Setup, List<Run>> results = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (Setup setup : setups) {
                Run result = runOnce(report, run, setup);
                results.computeIfAbsent(setup, t -> new ArrayList<>()).add(result);
                report.line("run %d, %s: raw consumer %,.0f events/s; app start-up %.1f s, then %,.0f events/s"
                                + " (steady %,.0f); ratio %.3f", run, setup.label(), result.rawRate(), result.startUpSeconds(), result.appRate(),
                        result.steadyRate(), result.appRate() / result.rawRate());
            }
        }
        List<Chart.Series> lines = new ArrayList<>();
        List<Double> rawRates = new ArrayList<>();
        results.forEach((setup, runsOf) -> {
            String label = setup.label() + ": ";
            report.line(label + "app events/s: %s", Samples.of(runsOf.stream().map(Run::appRate).toList()).summary("%,.0f"));
            report.line(label + "steady events/s: %s", Samples.of(runsOf.stream().map(Run::steadyRate).toList()).summary("%,.0f"));
            report.line(label + "ratio app/raw: %s", Samples.of(runsOf.stream().map(r -> r.appRate() / r.rawRate()).toList()).summary("%.3f"));
            runsOf.forEach(r -> lines.addAll(r.series()));
            runsOf.forEach(r -> rawRates.add(r.rawRate()));
        });
        report.line("raw consumer events/s: %s", Samples.of(rawRates).summary("%,.0f"));
        double raw = Samples.of(rawRates).median();
        double end = lines.stream().mapToDouble(s -> s.x().length == 0 ? 0 : s.x()[s.x().length - 1]).max().orElse(1);
        lines.add(new Chart.Series("raw KafkaConsumer (median)", new double[] {0, end}, new double[] {raw, raw}));
        Chart.lines(report.chart("over-time"), "api-requests end-to-end: events/s over time (" + String.format("%,d", events) + " events)",
                "seconds since the instance started", "events/s", lines);
        return 0;
    }

    private Run runOnce(Report report, int run, Setup setup) throws Exception {
        String input = TopologyConfig.defaults().topics().apiRequests();
        long started = System.nanoTime();
        try (LoadedCluster cluster = LoadedCluster.start(APP_ID, events, customers);
             Admin admin = BenchKafka.admin(cluster.bootstrapServers())) {
            report.line("run %d: loaded %,d events in %.1f s (broker start included)", run, events, seconds(started));
            double rawRate = BenchKafka.rawReadRate(cluster.bootstrapServers(), input, events);
            // admission reads the input fast and the stage after the repartition by customer is the slower one:
            // its committed offsets (events plus a few watermarks) are the pipeline's progress
            String aggregated = APP_ID + "-" + ApiRequestsPipeline.REPARTITION + "-repartition";
            List<Double> times = new ArrayList<>();
            List<Double> admittedRates = new ArrayList<>();
            List<Double> aggregatedRates = new ArrayList<>();
            started = System.nanoTime();
            StreamlyticsInstance instance = cluster.startInstance(0, setup.threads(), setup.kafkaProperties());
            double running = seconds(started);
            long[] previous = new long[2];
            double previousAt = running;
            while (!BenchKafka.caughtUp(admin, APP_ID, input, BenchInstances.PARTITIONS)) {
                Thread.sleep(SAMPLE_MS);
                long admitted = BenchKafka.committedOn(admin, APP_ID, input);
                long counted = BenchKafka.committedOn(admin, APP_ID, aggregated);
                double at = seconds(started);
                times.add(at);
                admittedRates.add((admitted - previous[0]) / (at - previousAt));
                aggregatedRates.add((counted - previous[1]) / (at - previousAt));
                previous = new long[] {admitted, counted};
                previousAt = at;
            }
            double done = seconds(started);
            long counted = countedRequests(BenchInstances.baseUrl(instance));
            if (counted != events) {
                throw new IllegalStateException("the daily stats count " + counted + " requests, expected " + events);
            }
            return new Run(rawRate, running, events / (done - running), steady(aggregatedRates), List.of(
                    Chart.Series.of("run " + run + ", " + setup.label() + ": aggregated (after the repartition)", times, aggregatedRates),
                    Chart.Series.of("run " + run + ", " + setup.label() + ": admitted (input topic)", times, admittedRates)));
        }
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
