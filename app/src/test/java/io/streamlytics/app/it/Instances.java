package io.streamlytics.app.it;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Starts real app instances for tests: free HTTP ports, own state dirs, a topic prefix per test class. */
final class Instances {
    private Instances() {
    }

    static AppConfig config(String bootstrapServers, String applicationId, String topicPrefix, Path stateDir) {
        return config(bootstrapServers, applicationId, topicPrefix, stateDir, AccessSettings.OPEN);
    }

    static AppConfig config(String bootstrapServers, String applicationId, String topicPrefix, Path stateDir, AccessSettings access) {
        return config(bootstrapServers, applicationId, topicPrefix, stateDir, access, 0);
    }

    static AppConfig config(String bootstrapServers, String applicationId, String topicPrefix, Path stateDir, AccessSettings access,
                            int standbyReplicas) {
        return config(KafkaConnection.of(bootstrapServers), applicationId, topicPrefix, stateDir, access, standbyReplicas);
    }

    static AppConfig config(KafkaConnection kafka, String applicationId, String topicPrefix, Path stateDir) {
        return config(kafka, applicationId, topicPrefix, stateDir, AccessSettings.OPEN, 0);
    }

    static AppConfig config(KafkaConnection kafka, String applicationId, String topicPrefix, Path stateDir, AccessSettings access,
                            int standbyReplicas) {
        return config(kafka, applicationId, topicPrefix, stateDir, access, standbyReplicas, (short) -1);
    }

    /** @param replicationFactor of the topics the instance creates, internal ones included; -1 for the broker's default */
    static AppConfig config(KafkaConnection kafka, String applicationId, String topicPrefix, Path stateDir, AccessSettings access,
                            int standbyReplicas, short replicationFactor) {
        // a short idle timeout: partitions without test data must not hold windows open for long
        TopologyConfig topology = TopologyConfig.builder().topicPrefix(topicPrefix).sourceIdleTimeout(Duration.ofSeconds(2)).build();
        return AppConfig.builder().bootstrapServers(kafka.bootstrapServers()).kafkaProperties(kafka.properties()).httpPort(0)
                .stateDir(stateDir).applicationId(applicationId).partitions(3).replicationFactor(replicationFactor)
                .embeddedKafkaDir(stateDir.resolve("unused-kafka")).embeddedKafkaPort(0).standbyReplicas(standbyReplicas)
                .streamThreads(1).maxRequestBytes(1_048_576).ingestTimeout(Duration.ofSeconds(2)).access(access).topology(topology).build();
    }

    static StreamlyticsInstance startRunning(AppConfig config) {
        StreamlyticsInstance instance = StreamlyticsInstance.start(config);
        await(Duration.ofSeconds(60), () -> instance.state() == KafkaStreams.State.RUNNING,
                "instance " + instance.address() + " reaches RUNNING");
        return instance;
    }

    /** Polls both instances until they answer 200 with the same body that {@code complete} accepts; returns a's reply. */
    static Http.Reply awaitAlike(StreamlyticsInstance a, StreamlyticsInstance b, String pathAndQuery,
                                 Predicate<Http.Reply> complete, String what) {
        Http.Reply[] last = new Http.Reply[1];
        await(Duration.ofSeconds(60), () -> {
            Http.Reply fromA = Http.get(a, pathAndQuery);
            Http.Reply fromB = Http.get(b, pathAndQuery);
            last[0] = fromA;
            return fromA.status() == 200 && fromB.status() == 200 && fromA.json().equals(fromB.json()) && complete.test(fromA);
        }, what);
        return last[0];
    }

    static void await(Duration timeout, BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + timeout.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting until " + what);
            }
        }
    }
}
