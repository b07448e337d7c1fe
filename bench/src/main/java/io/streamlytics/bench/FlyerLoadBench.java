package io.streamlytics.bench;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.app.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures the flyer pipeline from empty state: loads N generated user-events into an embedded
 * broker, starts one instance, and reports how fast it processed them all, the state on disk, the
 * changelogs, the heap, and how long a fresh instance takes to restore that state. See
 * docs/FLYER-SCALING.md for the command and the results.
 */
@Command(name = "flyer", mixinStandardHelpOptions = true, description = "The flyer pipeline from empty state: rate, state, changelogs, restore time (docs/FLYER-SCALING.md).")
public final class FlyerLoadBench implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "1000000", description = "user-events to load (default ${DEFAULT-VALUE})")
    long count;


    private static final String APP_ID = "flyer-bench";
    private static final int PARTITIONS = BenchInstances.PARTITIONS;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("flyer-bench-");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"))) {
            Topics topics = TopologyConfig.defaults().topics();
            TopicSetup.ensure(KafkaConnection.of(broker.bootstrapServers()), List.of(topics.userEvents()), PARTITIONS, (short) 1, TopologyConfig.defaults().retention());
            long start = System.nanoTime();
            UserEventsLoad load = new UserEventsLoad(count);
            long inputBytes = BenchKafka.load(broker.bootstrapServers(), topics.userEvents(), load);
            report("loaded %,d events of %,d users (%,d bytes of JSON) in %.1f s", count, load.users(), inputBytes, seconds(start));

            AppConfig config = BenchInstances.config(broker.bootstrapServers(), work.resolve("state"), APP_ID, 0);
            start = System.nanoTime();
            try (StreamlyticsInstance instance = StreamlyticsInstance.start(config)) {
                BenchInstances.awaitRunning(instance);
                double startUp = seconds(start);
                double elapsed = (awaitNoLag(broker.bootstrapServers()) - start) / 1e9 - startUp;
                report("start-up %.1f s, then processed in %.1f s: %,.0f events/s", startUp, elapsed, count / elapsed);
                System.gc();
                var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                report("heap after GC %,d MB used of %,d MB max (broker and instance in one JVM)", heap.getUsed() >> 20, heap.getMax() >> 20);
            }
            report("state directory %,d MB", Dirs.size(work.resolve("state")) >> 20);
            // only .log files: Kafka preallocates every segment's index files at 10 MB
            report("changelog topics %,d MB on the broker", Dirs.size(work.resolve("kafka"),
                    p -> p.toString().contains("-changelog-") && p.toString().endsWith(".log")) >> 20);
            for (String store : List.of("flyer-unsettled-events", "flyer-settle-queue", "flyer-user-time-store",
                    "merchant-daily-report-store", "merchant-daily-users-store")) {
                report("  %s: changelog %,d KB, state %,d KB", store,
                        Dirs.size(work.resolve("kafka"), p -> p.toString().contains(store + "-changelog-") && p.toString().endsWith(".log")) >> 10,
                        Dirs.size(work.resolve("state"), p -> p.toString().contains("/" + store)) >> 10);
            }

            // the closed instance has left the group (leave on close), so the restore is what is timed
            Dirs.deleteRecursively(work.resolve("state"));
            start = System.nanoTime();
            try (StreamlyticsInstance restored = StreamlyticsInstance.start(config)) {
                BenchInstances.awaitRunning(restored);
                report("fresh instance restored its state and was RUNNING in %.1f s", seconds(start));
            }
        } finally {
            Dirs.deleteRecursively(work);
        }
        return 0;
    }

    /**
     * Waits until the group has committed the end of every topic it reads, input and repartition
     * alike, and returns when it first did (then checks that it stays so, as watermarks may follow).
     */
    private static long awaitNoLag(String bootstrap) throws Exception {
        try (Admin admin = BenchKafka.admin(bootstrap)) {
            int quietChecks = 0;
            long quietSince = 0;
            while (quietChecks < 3) {
                Thread.sleep(quietChecks == 0 ? 200 : 1000);
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP_ID)
                        .partitionsToOffsetAndMetadata().get();
                var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                        .all().get();
                long lag = committed.entrySet().stream()
                        .mapToLong(e -> ends.get(e.getKey()).offset() - e.getValue().offset()).sum();
                boolean inputRead = committed.keySet().stream().filter(tp -> tp.topic().equals(Topics.USER_EVENTS)).count() == PARTITIONS;
                quietChecks = inputRead && lag == 0 ? quietChecks + 1 : 0;
                quietSince = quietChecks == 1 ? System.nanoTime() : quietSince;
            }
            return quietSince;
        }
    }


    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.println("[flyer-bench] " + String.format(Locale.ROOT, format, args));
    }
}
