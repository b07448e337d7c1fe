package io.streamlytics.app;

import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One instance's settings, validated once at start-up; each message names the command-line option.
 *
 * @param bootstrapServers   external Kafka cluster, or null to start the embedded broker
 * @param kafkaProperties    client properties of --kafka-config (security.protocol, sasl.*, ssl.*, …) for every Kafka client
 * @param advertisedHost     host name other instances use to reach this one's HTTP server
 * @param embeddedKafkaPort  client port of the embedded broker, 0 for any free port
 * @param replicationFactor  of the topics this instance creates; -1 takes the broker's default
 * @param sessionTimeout     how long the group waits for a silent instance (killed, cut off) before moving its tasks
 * @param ingestTimeout      how long ingest waits for the broker's acknowledgement before answering 503
 * @param access             API keys, the internal key and ingest rate limits
 * @param metricsRecordingLevel Kafka Streams' metrics.recording.level: INFO, DEBUG (adds RocksDB metrics) or TRACE
 */
public record AppConfig(String bootstrapServers,
                        Map<String, String> kafkaProperties,
                        String httpHost,
                        int httpPort,
                        String advertisedHost,
                        Path stateDir,
                        String applicationId,
                        int partitions,
                        short replicationFactor,
                        Path embeddedKafkaDir,
                        int embeddedKafkaPort,
                        int standbyReplicas,
                        int streamThreads,
                        Duration sessionTimeout,
                        long maxRequestBytes,
                        Duration ingestTimeout,
                        AccessSettings access,
                        String metricsRecordingLevel,
                        TopologyConfig topology) {

    public AppConfig {
        requireRange("http-port", httpPort, 0, 65535);
        requireRange("embedded-kafka-port", embeddedKafkaPort, 0, 65535);
        requireRange("partitions", partitions, 1, 10_000);
        requireRange("standby-replicas", standbyReplicas, 0, 10);
        requireRange("stream-threads", streamThreads, 1, 64);
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw new IllegalArgumentException("replication-factor must be -1 (broker default) or at least 1, got " + replicationFactor);
        }
        if (sessionTimeout == null || sessionTimeout.toMillis() < 1000 || sessionTimeout.toMinutes() > 30) {
            throw new IllegalArgumentException("session-timeout must be from 1s to 30m, got " + sessionTimeout);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("max-request-bytes must be at least 1024, got " + maxRequestBytes);
        }
        if (ingestTimeout == null || ingestTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("ingest-timeout must be at least 100ms, got " + ingestTimeout);
        }
        if (!java.util.List.of("INFO", "DEBUG", "TRACE").contains(metricsRecordingLevel)) {
            throw new IllegalArgumentException("metrics-recording-level must be INFO, DEBUG or TRACE, got " + metricsRecordingLevel);
        }
        if (access == null) {
            access = AccessSettings.OPEN;
        }
        if (applicationId == null || !applicationId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("application-id must be letters, digits, '.', '_' or '-', got " + applicationId);
        }
        if (bootstrapServers != null && bootstrapServers.isBlank()) {
            bootstrapServers = null;
        }
        kafkaProperties = Map.copyOf(kafkaProperties);
        if (bootstrapServers == null && !kafkaProperties.isEmpty()) {
            // its one client listener is plaintext: security settings would only keep every client out
            throw new IllegalArgumentException("kafka-config applies to an external cluster: give --bootstrap-servers too"
                    + " (the embedded broker takes plaintext clients only)");
        }
    }

    public boolean embeddedBroker() {
        return bootstrapServers == null;
    }

    /** This instance's address as other instances reach it (Kafka Streams' {@code application.server}). */
    public HostInfo advertisedAddress(int boundPort) {
        return new HostInfo(advertisedHost, boundPort);
    }

    private static void requireRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
