package io.streamlytics.bench;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.app.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh embedded broker in a temporary directory with api-requests loaded, and the instances a
 * benchmark starts on it; closing it stops them all and deletes the directory.
 */
public final class LoadedCluster implements AutoCloseable {
    /** Events per second of event time in the loaded history: 1 M events span 100 s, 10 M under 17 minutes. */
    public static final long EVENT_TIME_RATE = 10_000;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(30);

    private final Path work;
    private final EmbeddedKafkaBroker broker;
    private final String applicationId;
    private final List<StreamlyticsInstance> instances = new ArrayList<>();

    private LoadedCluster(Path work, EmbeddedKafkaBroker broker, String applicationId) {
        this.work = work;
        this.broker = broker;
        this.applicationId = applicationId;
    }

    /**
     * Starts the broker and loads {@code events} api-requests of {@code customers} customers, with event
     * times as if recorded live at {@link #EVENT_TIME_RATE} a second (a backfill of a busy stream).
     */
    public static LoadedCluster start(String applicationId, long events, int customers) throws IOException {
        Path work = Files.createTempDirectory("bench-" + applicationId + "-");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"));
        LoadedCluster cluster = new LoadedCluster(work, broker, applicationId);
        String topic = TopologyConfig.defaults().topics().apiRequests();
        TopicSetup.ensure(KafkaConnection.of(broker.bootstrapServers()), List.of(topic), BenchInstances.PARTITIONS, (short) 1, TopologyConfig.defaults().retention());
        if (events > 0) {
            BenchKafka.load(broker.bootstrapServers(), topic,
                    new ApiRequestsLoad(events, customers, ApiRequestsLoad.DEFAULT_START, events * 1000 / EVENT_TIME_RATE));
        }
        return cluster;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path work() {
        return work;
    }

    public String applicationId() {
        return applicationId;
    }

    /** Starts one more instance of the group, with its own state directory, and waits until it runs. */
    public StreamlyticsInstance startInstance(int standbyReplicas) throws InterruptedException {
        Path state = work.resolve("state-" + instances.size());
        StreamlyticsInstance instance = StreamlyticsInstance.start(BenchInstances.config(bootstrapServers(), state, applicationId, standbyReplicas));
        instances.add(instance);
        BenchInstances.awaitRunning(instance);
        return instance;
    }

    /** Waits until the group has processed everything on the input and repartition topics. */
    public void awaitCaughtUp() throws Exception {
        awaitCaughtUp(applicationId);
    }

    /** Waits until the group {@code group} has processed everything on the input and repartition topics. */
    public void awaitCaughtUp(String group) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        String input = TopologyConfig.defaults().topics().apiRequests();
        try (Admin admin = BenchKafka.admin(bootstrapServers())) {
            while (!BenchKafka.caughtUp(admin, group, input, BenchInstances.PARTITIONS)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("group " + group + " did not catch up within " + CATCH_UP_TIMEOUT);
                }
                Thread.sleep(500);
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (int i = instances.size() - 1; i >= 0; i--) {
            StreamlyticsInstance instance = instances.get(i);
            instance.close();
        }
        broker.close();
        Dirs.deleteRecursively(work);
    }
}
