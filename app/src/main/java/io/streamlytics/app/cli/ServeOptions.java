package io.streamlytics.app.cli;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.anomalies.AnomalySettings;
import io.streamlytics.topology.applogs.AppLogSettings;
import io.streamlytics.topology.flyer.FlyerSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Options of one instance; each also reads an environment variable (--http-port ↔ STREAMLYTICS_HTTP_PORT). */
public final class ServeOptions {
    @Option(names = "--bootstrap-servers", defaultValue = "${env:STREAMLYTICS_BOOTSTRAP_SERVERS}",
            description = "Kafka cluster to use; none starts the embedded broker [env STREAMLYTICS_BOOTSTRAP_SERVERS]")
    String bootstrapServers;

    @Option(names = "--kafka-config", defaultValue = "${env:STREAMLYTICS_KAFKA_CONFIG}",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every Kafka client, as a properties file [env STREAMLYTICS_KAFKA_CONFIG]")
    Path kafkaConfig;

    @Option(names = "--http-port", defaultValue = "${env:STREAMLYTICS_HTTP_PORT:-8080}",
            description = "HTTP port, 0 for any free port (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_HTTP_PORT]")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "${env:STREAMLYTICS_HTTP_HOST:-}",
            description = "address the HTTP server binds to (default: 127.0.0.1, or 0.0.0.0 when API keys are set) [env STREAMLYTICS_HTTP_HOST]")
    String httpHost;

    @Option(names = "--advertised-host", defaultValue = "${env:STREAMLYTICS_ADVERTISED_HOST:-127.0.0.1}",
            description = "host other instances use to reach this one (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_ADVERTISED_HOST]")
    String advertisedHost;

    @Option(names = "--state-dir", defaultValue = "${env:STREAMLYTICS_STATE_DIR:-data/state}",
            description = "Kafka Streams state (RocksDB) directory, one per instance (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_STATE_DIR]")
    Path stateDir;

    @Option(names = "--application-id", defaultValue = "${env:STREAMLYTICS_APPLICATION_ID:-streamlytics}",
            description = "instances with the same id share the work (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_APPLICATION_ID]")
    String applicationId;

    @Option(names = "--partitions", defaultValue = "${env:STREAMLYTICS_PARTITIONS:-6}",
            description = "partitions of the topics this instance creates (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_PARTITIONS]")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "${env:STREAMLYTICS_REPLICATION_FACTOR:--1}",
            description = "replication of created and internal topics, -1 for the broker default (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_REPLICATION_FACTOR]")
    short replicationFactor;

    @Option(names = "--standby-replicas", defaultValue = "${env:STREAMLYTICS_STANDBY_REPLICAS:-0}",
            description = "standby copies of each state store on other instances (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_STANDBY_REPLICAS]")
    int standbyReplicas;

    @Option(names = "--stream-threads", defaultValue = "${env:STREAMLYTICS_STREAM_THREADS:-0}",
            description = "Kafka Streams threads of this instance, sharing its tasks; 0 for one per available core (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_STREAM_THREADS]")
    int streamThreads;

    @Option(names = "--session-timeout", defaultValue = "${env:STREAMLYTICS_SESSION_TIMEOUT:-45s}", converter = Durations.class,
            description = "how long the group waits for a silent instance before its tasks move; the broker allows 6s to 30m by default (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_SESSION_TIMEOUT]")
    Duration sessionTimeout;

    @Option(names = "--embedded-kafka-dir", defaultValue = "${env:STREAMLYTICS_EMBEDDED_KAFKA_DIR:-data/kafka}",
            description = "data of the embedded broker (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_EMBEDDED_KAFKA_DIR]")
    Path embeddedKafkaDir;

    @Option(names = "--embedded-kafka-port", defaultValue = "${env:STREAMLYTICS_EMBEDDED_KAFKA_PORT:-9092}",
            description = "client port of the embedded broker, 0 for any free port (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_EMBEDDED_KAFKA_PORT]")
    int embeddedKafkaPort;

    @Option(names = "--topic-prefix", defaultValue = "${env:STREAMLYTICS_TOPIC_PREFIX:-}",
            description = "prefix of every topic name (default: none) [env STREAMLYTICS_TOPIC_PREFIX]")
    String topicPrefix;

    @Option(names = "--grace", defaultValue = "${env:STREAMLYTICS_GRACE:-1h}", converter = Durations.class,
            description = "how late events of a minute or hour window are still counted (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_GRACE]")
    Duration grace;

    @Option(names = "--grace-daily", defaultValue = "${env:STREAMLYTICS_GRACE_DAILY:-6h}", converter = Durations.class,
            description = "how late events of a day are still counted (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_GRACE_DAILY]")
    Duration graceDaily;

    @Option(names = "--retention", defaultValue = "${env:STREAMLYTICS_RETENTION:-30d}", converter = Durations.class,
            description = "how long windows are kept (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_RETENTION]")
    Duration retention;

    @Option(names = "--dedup-window", defaultValue = "${env:STREAMLYTICS_DEDUP_WINDOW:-1h}", converter = Durations.class,
            description = "event time within which a repeated request_id is a duplicate (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_DEDUP_WINDOW]")
    Duration dedupWindow;

    @Option(names = "--source-idle-timeout", defaultValue = "${env:STREAMLYTICS_SOURCE_IDLE_TIMEOUT:-30s}", converter = Durations.class,
            description = "wall-clock time without a record after which a caught-up input partition stops holding windows open (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_SOURCE_IDLE_TIMEOUT]")
    Duration sourceIdleTimeout;

    @Option(names = "--anomaly-k", defaultValue = "${env:STREAMLYTICS_ANOMALY_K:-2}",
            description = "standard deviations above an endpoint's baseline that make a minute an anomaly (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_ANOMALY_K]")
    double anomalyK;

    @Option(names = "--anomaly-min-requests", defaultValue = "${env:STREAMLYTICS_ANOMALY_MIN_REQUESTS:-20}",
            description = "fewest requests in a minute for it to be judged an anomaly (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_ANOMALY_MIN_REQUESTS]")
    long anomalyMinRequests;

    @Option(names = "--anomaly-min-baseline-windows", defaultValue = "${env:STREAMLYTICS_ANOMALY_MIN_BASELINE_WINDOWS:-10}",
            description = "earlier minutes an endpoint's baseline needs before anything is flagged (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_ANOMALY_MIN_BASELINE_WINDOWS]")
    int anomalyMinBaselineWindows;

    @Option(names = "--max-session-length", defaultValue = "${env:STREAMLYTICS_MAX_SESSION_LENGTH:-4h}", converter = Durations.class,
            description = "longest flyer_open to flyer_close that is one session (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_MAX_SESSION_LENGTH]")
    Duration maxSessionLength;

    @Option(names = "--log-retention", defaultValue = "${env:STREAMLYTICS_LOG_RETENTION:-24h}", converter = Durations.class,
            description = "how long app log lines stay searchable (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_LOG_RETENTION]")
    Duration logRetention;

    @Option(names = "--api-keys", split = ",", defaultValue = "${env:STREAMLYTICS_API_KEYS:-}",
            description = "API keys, comma-separated, each 'key' (may do all) or 'key:ingest' or 'key:query'; none: the API is open [env STREAMLYTICS_API_KEYS]")
    List<String> apiKeys;

    @Option(names = "--api-keys-file", defaultValue = "${env:STREAMLYTICS_API_KEYS_FILE}",
            description = "file of API keys, one 'key [all|ingest|query]' per line, # for comments [env STREAMLYTICS_API_KEYS_FILE]")
    Path apiKeysFile;

    @Option(names = "--internal-key", defaultValue = "${env:STREAMLYTICS_INTERNAL_KEY}",
            description = "secret the instances of a group send each other; required with API keys, the same on every instance [env STREAMLYTICS_INTERNAL_KEY]")
    String internalKey;

    @Option(names = "--ingest-rate-limit", defaultValue = "${env:STREAMLYTICS_INGEST_RATE_LIMIT:-0}",
            description = "ingest requests a second per API key (per client address without keys), 0 for no limit (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_INGEST_RATE_LIMIT]")
    double ingestRateLimit;

    @Option(names = "--query-rate-limit", defaultValue = "${env:STREAMLYTICS_QUERY_RATE_LIMIT:-0}",
            description = "query requests a second per API key (per client address without keys), 0 for no limit (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_QUERY_RATE_LIMIT]")
    double queryRateLimit;

    @Option(names = "--metrics-recording-level", defaultValue = "${env:STREAMLYTICS_METRICS_RECORDING_LEVEL:-INFO}",
            description = "Kafka Streams metrics on /metrics: INFO, or DEBUG to add RocksDB and per-task metrics (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_METRICS_RECORDING_LEVEL]")
    String metricsRecordingLevel;

    @Option(names = "--max-request-bytes", defaultValue = "${env:STREAMLYTICS_MAX_REQUEST_BYTES:-10485760}",
            description = "largest ingest body; larger ones get 413 (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_MAX_REQUEST_BYTES]")
    long maxRequestBytes;

    @Option(names = "--ingest-timeout", defaultValue = "${env:STREAMLYTICS_INGEST_TIMEOUT:-3s}", converter = Durations.class,
            description = "wait for Kafka's acknowledgement before answering 503 (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_INGEST_TIMEOUT]")
    Duration ingestTimeout;

    /** An open API (no keys) is reachable from this machine only, unless an address is asked for explicitly. */
    private String bindAddress(AccessSettings access) {
        if (httpHost != null && !httpHost.isBlank()) {
            return httpHost;
        }
        return access.enabled() ? "0.0.0.0" : "127.0.0.1";
    }

    public AppConfig toConfig() {
        TopologyConfig topology = TopologyConfig.builder().topicPrefix(topicPrefix).windowGrace(grace).dailyGrace(graceDaily)
                .retention(retention).dedupWindow(dedupWindow).sourceIdleTimeout(sourceIdleTimeout)
                .anomalies(new AnomalySettings(anomalyK, anomalyMinRequests, anomalyMinBaselineWindows))
                .flyer(new FlyerSettings(maxSessionLength)).appLogs(new AppLogSettings(logRetention)).build();
        AccessSettings access = new AccessSettings(AccessSettings.parseKeys(apiKeys == null ? List.of() : apiKeys, apiKeysFile), internalKey,
                ingestRateLimit, queryRateLimit);
        return AppConfig.builder().bootstrapServers(bootstrapServers).kafkaProperties(KafkaConnection.read(kafkaConfig))
                .httpHost(bindAddress(access)).httpPort(httpPort).advertisedHost(advertisedHost).stateDir(stateDir)
                .applicationId(applicationId).partitions(partitions).replicationFactor(replicationFactor)
                .embeddedKafkaDir(embeddedKafkaDir).embeddedKafkaPort(embeddedKafkaPort).standbyReplicas(standbyReplicas)
                .streamThreads(streamThreads == 0 ? AppConfig.Builder.ONE_PER_CORE : streamThreads).sessionTimeout(sessionTimeout).maxRequestBytes(maxRequestBytes).ingestTimeout(ingestTimeout)
                .access(access).metricsRecordingLevel(metricsRecordingLevel).topology(topology).build();
    }
}
