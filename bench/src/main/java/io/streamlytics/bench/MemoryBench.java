package io.streamlytics.bench;

import io.streamlytics.app.kafka.BoundedRocksDbConfig;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.app.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Benchmark 4, bounded memory: one instance in its own JVM with a fixed -Xmx builds the state of
 * many customers' daily windows and of many user-events (flyer sessions) while its heap (from
 * /metrics) and resident set (/proc) are sampled; reports their peaks and the state on disk.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, description = "Heap, RSS and disk with many customers and user-events in state.")
public final class MemoryBench implements Callable<Integer> {
    private static final String APP_ID = "bench-memory";
    private static final long SAMPLE_MS = 2_000;
    /** Samples between progress lines: a run stopped before the end still leaves its figures so far. */
    private static final int SAMPLES_PER_PROGRESS_LINE = 30;
    private static final Duration PROCESSING_TIMEOUT = Duration.ofHours(4);

    @Option(names = "--customers", description = "distinct customers, each with a day's window (default ${DEFAULT-VALUE})")
    int customers = 1_000_000;
    @Option(names = "--api-requests", description = "api-requests over those customers (default ${DEFAULT-VALUE})")
    long apiRequests = 2_000_000;
    @Option(names = "--user-events", description = "user-events (default ${DEFAULT-VALUE})")
    long userEvents = 10_000_000;
    @Option(names = "--heap", description = "-Xmx of the instance (default ${DEFAULT-VALUE})")
    String heap = "512m";
    @Option(names = "--out", description = "directory of the figures and charts (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    @Override
    public Integer call() throws Exception {
        Report report = new Report("memory", out);
        report.line("%,d api-requests of %,d customers and %,d user-events; instance with -Xmx%s, RocksDB bounded to %,d MB off-heap",
                apiRequests, customers, userEvents, heap, BoundedRocksDbConfig.TOTAL_OFF_HEAP_BYTES >> 20);
        try (LoadedCluster cluster = LoadedCluster.start(APP_ID, apiRequests, customers)) {
            String topic = TopologyConfig.defaults().topics().userEvents();
            TopicSetup.ensure(KafkaConnection.of(cluster.bootstrapServers()), List.of(topic), BenchInstances.PARTITIONS, (short) 1, TopologyConfig.defaults().retention());
            BenchKafka.load(cluster.bootstrapServers(), topic, new UserEventsLoad(userEvents));
            Path state = cluster.work().resolve("memory-state");
            List<Double> times = new ArrayList<>();
            List<Double> heapMb = new ArrayList<>();
            List<Double> rssMb = new ArrayList<>();
            long start = System.nanoTime();
            try (ServeProcess instance = ServeProcess.start(cluster.bootstrapServers(), APP_ID, state, 0, heap);
                 Admin admin = BenchKafka.admin(cluster.bootstrapServers())) {
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        times.add((System.nanoTime() - start) / 1e9);
                        heapMb.add(heapUsedBytes(instance.baseUrl()) / 1048576.0);
                        rssMb.add(ProcessMemory.residentBytes(instance.pid()) / 1048576.0);
                        if (times.size() % SAMPLES_PER_PROGRESS_LINE == 0) {
                            report.line("after %.0f s: heap %,.0f MB, resident set %,.0f MB, state %,d MB; user-events processed %,d of %,d",
                                    last(times), last(heapMb), last(rssMb), stateMb(state), committed(admin, topic), userEvents);
                        }
                        try {
                            Thread.sleep(SAMPLE_MS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }, "bench-memory-sampler");
                sampler.start();
                awaitEverythingProcessed(admin, topic);
                double elapsed = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                sampler.join();
                report.line("processed everything in %.0f s (%,.0f events/s, start-up included)", elapsed, (apiRequests + userEvents) / elapsed);
                report.line("heap used: peak %,.0f MB, last %,.0f MB (of -Xmx%s)", Samples.of(heapMb).max(), last(heapMb), heap);
                report.line("resident set: peak %,.0f MB, last %,.0f MB", Samples.of(rssMb).max(), last(rssMb));
                report.line("state on disk: %,d MB", Dirs.size(state) >> 20);
                if (!instance.alive()) {
                    throw new IllegalStateException("the instance died (out of memory?): see " + state + ".log");
                }
            }
            Chart.lines(report.chart("over-time"), "Memory while building the state (-Xmx" + heap + ")", "seconds since start",
                    "MB", List.of(Chart.Series.of("resident set (RSS)", times, rssMb),
                            Chart.Series.of("heap used", times, heapMb)));
        }
        return 0;
    }

    /**
     * The group's committed offsets reach the end of both inputs and of every repartition topic. At full size
     * that takes over an hour on two cores, far beyond the other benchmarks' catch-up timeout.
     */
    private static void awaitEverythingProcessed(Admin admin, String userEvents) throws InterruptedException {
        String apiRequests = TopologyConfig.defaults().topics().apiRequests();
        ServeProcess.await(() -> {
            try {
                return BenchKafka.caughtUp(admin, APP_ID, apiRequests, BenchInstances.PARTITIONS)
                        && BenchKafka.caughtUp(admin, APP_ID, userEvents, BenchInstances.PARTITIONS);
            } catch (Exception e) {
                return false;
            }
        }, PROCESSING_TIMEOUT, "api-requests and user-events processed");
    }

    private static long committed(Admin admin, String topic) {
        try {
            return BenchKafka.committedOn(admin, APP_ID, topic);
        } catch (Exception e) {
            return -1; // the group not known yet
        }
    }

    private static long stateMb(Path state) {
        try {
            return Dirs.size(state) >> 20;
        } catch (IOException | UncheckedIOException e) {
            return -1; // RocksDB removed a file while it was walked
        }
    }

    private static double heapUsedBytes(String baseUrl) {
        try {
            Http.Reply reply = Http.get(baseUrl + "/metrics");
            return reply.body().lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            return 0; // not up yet
        }
    }

    private static double last(List<Double> values) {
        return values.isEmpty() ? 0 : values.get(values.size() - 1);
    }
}
