package io.streamlytics.app.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Every call {@link EmbeddedKafkaBroker} makes into Kafka's broker internals, the Scala classes of kafka_2.13: Kafka
 * has no public API to run a broker in-process or to format its storage. Checked against Kafka 4.4.0.
 * {@code KafkaRaftInternalsTest} pins what formatting writes, and {@code EmbeddedKafkaBrokerIntegrationTest} that a node
 * started here serves transactions and comes back with its data.
 */
final class KafkaRaftInternals {
    /** What {@code kafka-storage format} writes into every log dir; a dir holding it is already formatted. */
    static final String META_PROPERTIES = "meta.properties";

    private KafkaRaftInternals() {
    }

    /** A combined broker+controller, not yet started. */
    static final class Node {
        private final KafkaRaftServer server;

        /** @throws org.apache.kafka.common.config.ConfigException if {@code brokerProps} is not a valid broker config */
        Node(Map<String, Object> brokerProps) {
            this.server = new KafkaRaftServer(new KafkaConfig(brokerProps, false), Time.SYSTEM);
        }

        /** Returns once the node has started; it may serve requests a little later. */
        void startup() {
            server.startup();
        }

        /** Shuts the node down and waits until it has stopped. */
        void shutdown() {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    /**
     * Formats {@code logDir} for {@code brokerProps} (whose {@code log.dirs} it must be) as node of cluster
     * {@code clusterId}. Goes through kafka-storage's entry point because the Formatter class behind it is only a
     * runtime dependency of kafka_2.13, not visible to our compiler.
     *
     * @throws IllegalStateException if formatting fails, with kafka-storage's output
     */
    static void format(Path logDir, Map<String, Object> brokerProps, String clusterId) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(logDir);
            Path configFile = Files.createTempFile(logDir.getParent(), "format-", ".properties");
            try {
                Properties props = new Properties();
                brokerProps.forEach((k, v) -> props.setProperty(k, String.valueOf(v)));
                try (Writer writer = Files.newBufferedWriter(configFile)) {
                    props.store(writer, "kafka-storage format input");
                }
                int exitCode = StorageTool.execute(
                        new String[] {"format", "--config", configFile.toString(), "--cluster-id", clusterId},
                        new PrintStream(output, true, StandardCharsets.UTF_8));
                if (exitCode != 0) {
                    throw new IllegalStateException("kafka-storage format exited with " + exitCode + ": " + output);
                }
            } finally {
                Files.deleteIfExists(configFile);
            }
        } catch (Exception e) { // Scala code may throw undeclared checked exceptions too
            throw new IllegalStateException("Could not format Kafka storage in " + logDir + ": " + output, e);
        }
    }
}
