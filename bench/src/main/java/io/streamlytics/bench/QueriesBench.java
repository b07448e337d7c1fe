package io.streamlytics.bench;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.http.KeyQueryHandler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Benchmark 2, interactive queries: wrk against /customers/{id}/stats with keys spread over every
 * customer, and against /health in the same run as the ceiling; then a second instance joins and
 * the same is measured for keys this instance owns and for keys it forwards to the other.
 */
@Command(name = "queries", mixinStandardHelpOptions = true, description = "wrk against /customers/{id}/stats and /health, local and forwarded.")
public final class QueriesBench implements Callable<Integer> {
    @Option(names = "--events", description = "api-requests loaded first (default ${DEFAULT-VALUE})")
    long events = 200_000;
    @Option(names = "--customers", description = "distinct customers, the keys queried (default ${DEFAULT-VALUE})")
    int customers = 10_000;
    @Option(names = "--connections", description = "wrk connections (default ${DEFAULT-VALUE})")
    int connections = 25;
    @Option(names = "--seconds", description = "duration of each wrk run (default ${DEFAULT-VALUE})")
    int seconds = 30;
    @Option(names = "--runs", description = "wrk runs per target (default ${DEFAULT-VALUE})")
    int runs = 3;
    @Option(names = "--out", description = "directory of the figures and charts (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    @Override
    public Integer call() throws Exception {
        if (!Wrk.installed()) {
            throw new IllegalStateException("wrk is not installed (apt-get install -y wrk)");
        }
        Report report = new Report("queries", out);
        report.line("%,d api-requests of %,d customers; wrk -t2 -c%d -d%ds, %d run(s) per target", events, customers, connections, seconds, runs);
        Map<String, List<Wrk.Result>> results = new LinkedHashMap<>();
        String day = ApiRequestsLoad.DEFAULT_START.toString().substring(0, 10);
        try (LoadedCluster cluster = LoadedCluster.start("bench-queries", events, customers)) {
            StreamlyticsInstance first = cluster.startInstance(0);
            cluster.awaitCaughtUp();
            String firstUrl = BenchInstances.baseUrl(first);
            List<String> allKeys = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                allKeys.add("/customers/" + ApiRequestsLoad.customerId(c) + "/stats?from=" + day);
            }
            for (int run = 1; run <= runs; run++) {
                measure(report, results, "/health, one instance", firstUrl, List.of("/health"));
                measure(report, results, "stats, one instance", firstUrl, allKeys);
            }

            StreamlyticsInstance second = cluster.startInstance(0);
            cluster.awaitCaughtUp();
            String secondUrl = BenchInstances.baseUrl(second);
            String firstAddress = first.address().host() + ":" + first.address().port();
            List<String> ownedByFirst = new ArrayList<>();
            List<String> ownedBySecond = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            for (String path : allKeys) {
                Http.Reply reply = Http.get(secondUrl + path);
                // 503 while the group rebalances or a task restores: ask again
                while (reply.status() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    reply = Http.get(secondUrl + path);
                }
                if (reply.status() != 200) {
                    throw new IllegalStateException(path + " answered " + reply.status() + " for five minutes: " + reply.body());
                }
                (reply.header(KeyQueryHandler.SERVED_BY_HEADER).equals(firstAddress) ? ownedByFirst : ownedBySecond).add(path);
            }
            report.line("two instances: %,d keys owned by the first, %,d by the second", ownedByFirst.size(), ownedBySecond.size());
            for (int run = 1; run <= runs; run++) {
                measure(report, results, "/health, two instances", secondUrl, List.of("/health"));
                if (!ownedBySecond.isEmpty()) {
                    measure(report, results, "stats, local keys", secondUrl, ownedBySecond);
                }
                if (!ownedByFirst.isEmpty()) {
                    measure(report, results, "stats, forwarded", secondUrl, ownedByFirst);
                }
            }
        }
        summarise(report, results);
        return 0;
    }

    private void measure(Report report, Map<String, List<Wrk.Result>> results, String target, String url, List<String> paths)
            throws Exception {
        Wrk.Result result = Wrk.run(url, paths, connections, seconds);
        results.computeIfAbsent(target, t -> new ArrayList<>()).add(result);
        report.line("%-24s %,9.0f req/s  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  %,d requests, %,d errors",
                target, result.requestsPerSecond(), result.p50Ms(), result.p90Ms(), result.p99Ms(), result.requests(), result.errors());
    }

    private static void summarise(Report report, Map<String, List<Wrk.Result>> results) {
        List<Chart.BarGroup> rates = new ArrayList<>();
        List<Chart.BarGroup> latencies = new ArrayList<>();
        results.forEach((target, runs) -> {
            Samples rate = Samples.of(runs.stream().map(Wrk.Result::requestsPerSecond).toList());
            Samples p50 = Samples.of(runs.stream().map(Wrk.Result::p50Ms).toList());
            Samples p90 = Samples.of(runs.stream().map(Wrk.Result::p90Ms).toList());
            Samples p99 = Samples.of(runs.stream().map(Wrk.Result::p99Ms).toList());
            long errors = runs.stream().mapToLong(Wrk.Result::errors).sum();
            report.line("%s: req/s %s; p50 %s ms; p99 %s ms; errors %,d", target, rate.summary("%,.0f"),
                    p50.summary("%.2f"), p99.summary("%.2f"), errors);
            rates.add(new Chart.BarGroup(target, new double[] {rate.median()}));
            latencies.add(new Chart.BarGroup(target, new double[] {p50.median(), p90.median(), p99.median()}));
        });
        Chart.bars(report.chart("requests"), "Interactive queries: requests/s (median of runs)", "requests/s",
                List.of("requests/s"), rates);
        Chart.bars(report.chart("latency"), "Interactive queries: latency percentiles (median of runs)", "ms",
                List.of("p50", "p90", "p99"), latencies);
    }
}
