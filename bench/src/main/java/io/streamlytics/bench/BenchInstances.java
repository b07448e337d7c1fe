package io.streamlytics.bench;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import org.apache.kafka.streams.KafkaStreams;

import java.nio.file.Path;
import java.time.Duration;

/** Instances as the benchmarks start them: the default configuration, on a given broker, any free HTTP port. */
public final class BenchInstances {
    public static final int PARTITIONS = 6;
    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(5);

    private BenchInstances() {
    }

    public static AppConfig config(String bootstrap, Path stateDir, String applicationId, int standbyReplicas) {
        return AppConfig.builder().bootstrapServers(bootstrap).httpPort(0).stateDir(stateDir)
                .applicationId(applicationId).partitions(PARTITIONS).replicationFactor((short) 1)
                .embeddedKafkaDir(stateDir.resolve("unused-embedded-kafka")).embeddedKafkaPort(0).standbyReplicas(standbyReplicas)
                .streamThreads(1).ingestTimeout(Duration.ofSeconds(10)).build();
    }

    public static String baseUrl(StreamlyticsInstance instance) {
        return "http://" + instance.address().host() + ":" + instance.address().port();
    }

    /** Waits until the instance's streams are RUNNING; fails after five minutes. */
    public static void awaitRunning(StreamlyticsInstance instance) throws InterruptedException {
        long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
        while (instance.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("instance not RUNNING within " + RUNNING_TIMEOUT + ": " + instance.state());
            }
            Thread.sleep(50);
        }
    }
}
