package io.streamlytics.app.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What {@link EmbeddedKafkaBroker} relies on in kafka-storage's format: it writes meta.properties with the given
 * cluster id into the log dir, which is how a restart knows to reuse the dir instead of formatting it again.
 */
class KafkaRaftInternalsTest {
    private static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    @TempDir
    Path dir;

    @Test
    void formattingWritesTheClusterIdentityIntoMetaProperties() throws IOException {
        Path logDir = dir.resolve("kafka-logs");
        Map<String, Object> brokerProps = Map.of(
                "process.roles", "broker,controller",
                "node.id", "1",
                "controller.quorum.voters", "1@127.0.0.1:9093",
                "controller.listener.names", "CONTROLLER",
                "listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                "log.dirs", logDir.toString());

        KafkaRaftInternals.format(logDir, brokerProps, CLUSTER_ID);

        Properties meta = new Properties();
        try (Reader reader = Files.newBufferedReader(logDir.resolve("meta.properties"))) {
            meta.load(reader);
        }
        assertEquals(CLUSTER_ID, meta.getProperty("cluster.id"));
        assertEquals("1", meta.getProperty("node.id"));
    }
}
