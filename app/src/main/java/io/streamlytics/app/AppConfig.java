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

    /** A builder holding serve's defaults: set what differs by name, then {@link Builder#build()} validates once. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings. */
    public Builder toBuilder() {
        return new Builder()
                .bootstrapServers(bootstrapServers)
                .kafkaProperties(kafkaProperties)
                .httpHost(httpHost)
                .httpPort(httpPort)
                .advertisedHost(advertisedHost)
                .stateDir(stateDir)
                .applicationId(applicationId)
                .partitions(partitions)
                .replicationFactor(replicationFactor)
                .embeddedKafkaDir(embeddedKafkaDir)
                .embeddedKafkaPort(embeddedKafkaPort)
                .standbyReplicas(standbyReplicas)
                .streamThreads(streamThreads)
                .sessionTimeout(sessionTimeout)
                .maxRequestBytes(maxRequestBytes)
                .ingestTimeout(ingestTimeout)
                .access(access)
                .metricsRecordingLevel(metricsRecordingLevel)
                .topology(topology);
    }

    /**
     * Settings by name, so that two of the same type cannot be swapped unnoticed. Its defaults are serve's
     * ({@code ServeOptionsTest} holds the two to each other).
     */
    public static final class Builder {
        private String bootstrapServers = null;
        private Map<String, String> kafkaProperties = Map.of();
        private String httpHost = "127.0.0.1";
        private int httpPort = 8080;
        private String advertisedHost = "127.0.0.1";
        private Path stateDir = Path.of("data", "state");
        private String applicationId = "streamlytics";
        private int partitions = 6;
        private short replicationFactor = -1;
        private Path embeddedKafkaDir = Path.of("data", "kafka");
        private int embeddedKafkaPort = 9092;
        private int standbyReplicas = 0;
        /** One stream thread per core, at most 64: the stream threads are what limits a pipeline (BENCHMARKS.md, section 1). */
        public static final int ONE_PER_CORE = Math.min(64, Runtime.getRuntime().availableProcessors());

        private int streamThreads = ONE_PER_CORE;
        private Duration sessionTimeout = Duration.ofSeconds(45);
        private long maxRequestBytes = 10L << 20;
        private Duration ingestTimeout = Duration.ofSeconds(3);
        private AccessSettings access = AccessSettings.OPEN;
        private String metricsRecordingLevel = "INFO";
        private TopologyConfig topology = TopologyConfig.defaults();

        private Builder() {
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder kafkaProperties(Map<String, String> kafkaProperties) {
            this.kafkaProperties = kafkaProperties;
            return this;
        }

        public Builder httpHost(String httpHost) {
            this.httpHost = httpHost;
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
            return this;
        }

        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder applicationId(String applicationId) {
            this.applicationId = applicationId;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder replicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        public Builder embeddedKafkaDir(Path embeddedKafkaDir) {
            this.embeddedKafkaDir = embeddedKafkaDir;
            return this;
        }

        public Builder embeddedKafkaPort(int embeddedKafkaPort) {
            this.embeddedKafkaPort = embeddedKafkaPort;
            return this;
        }

        public Builder standbyReplicas(int standbyReplicas) {
            this.standbyReplicas = standbyReplicas;
            return this;
        }

        public Builder streamThreads(int streamThreads) {
            this.streamThreads = streamThreads;
            return this;
        }

        public Builder sessionTimeout(Duration sessionTimeout) {
            this.sessionTimeout = sessionTimeout;
            return this;
        }

        public Builder maxRequestBytes(long maxRequestBytes) {
            this.maxRequestBytes = maxRequestBytes;
            return this;
        }

        public Builder ingestTimeout(Duration ingestTimeout) {
            this.ingestTimeout = ingestTimeout;
            return this;
        }

        public Builder access(AccessSettings access) {
            this.access = access;
            return this;
        }

        public Builder metricsRecordingLevel(String metricsRecordingLevel) {
            this.metricsRecordingLevel = metricsRecordingLevel;
            return this;
        }

        public Builder topology(TopologyConfig topology) {
            this.topology = topology;
            return this;
        }

        public AppConfig build() {
            return new AppConfig(bootstrapServers, kafkaProperties, httpHost, httpPort, advertisedHost, stateDir, applicationId,
                    partitions, replicationFactor, embeddedKafkaDir, embeddedKafkaPort, standbyReplicas, streamThreads,
                    sessionTimeout, maxRequestBytes, ingestTimeout, access, metricsRecordingLevel, topology);
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
