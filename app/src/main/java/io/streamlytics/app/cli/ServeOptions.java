package io.streamlytics.app.cli;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.anomalies.AnomalySettings;
import io.streamlytics.topology.applogs.AppLogSettings;
import io.streamlytics.topology.flyer.FlyerSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Options of one instance; each also reads its environment variable ({@link EnvironmentDefaults}). */
public final class ServeOptions {
    @Option(names = "--bootstrap-servers",
            description = "Kafka cluster to use; none starts the embedded broker")
    String bootstrapServers;

    @Mixin
    KafkaClientOptions kafkaClient;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "HTTP port, 0 for any free port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--http-host", defaultValue = "",
            description = "address the HTTP server binds to (default: 127.0.0.1, or 0.0.0.0 when API keys are set)")
    String httpHost;

    @Option(names = "--advertised-host", defaultValue = "127.0.0.1",
            description = "host other instances use to reach this one (default: ${DEFAULT-VALUE})")
    String advertisedHost;

    @Option(names = "--state-dir", defaultValue = "data/state",
            description = "Kafka Streams state (RocksDB) directory, one per instance (default: ${DEFAULT-VALUE})")
    Path stateDir;

    @Option(names = "--application-id", defaultValue = "streamlytics",
            description = "instances with the same id share the work (default: ${DEFAULT-VALUE})")
    String applicationId;

    @Option(names = "--partitions", defaultValue = "6",
            description = "partitions of the topics this instance creates (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "-1",
            description = "replication of created and internal topics, -1 for the broker default (default: ${DEFAULT-VALUE})")
    short replicationFactor;

    @Option(names = "--standby-replicas", defaultValue = "0",
            description = "standby copies of each state store on other instances (default: ${DEFAULT-VALUE})")
    int standbyReplicas;

    @Option(names = "--stream-threads", defaultValue = "0",
            description = "Kafka Streams threads of this instance, sharing its tasks; 0 for one per available core (default: ${DEFAULT-VALUE})")
    int streamThreads;

    @Option(names = "--session-timeout", defaultValue = "45s", converter = Durations.class,
            description = "how long the group waits for a silent instance before its tasks move; the broker allows 6s to 30m by default (default: ${DEFAULT-VALUE})")
    Duration sessionTimeout;

    @Option(names = "--embedded-kafka-dir", defaultValue = "data/kafka",
            description = "data of the embedded broker (default: ${DEFAULT-VALUE})")
    Path embeddedKafkaDir;

    @Option(names = "--embedded-kafka-port", defaultValue = "9092",
            description = "client port of the embedded broker, 0 for any free port (default: ${DEFAULT-VALUE})")
    int embeddedKafkaPort;

    @Option(names = "--grace", defaultValue = "1h", converter = Durations.class,
            description = "how late events of a minute or hour window are still counted (default: ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--grace-daily", defaultValue = "6h", converter = Durations.class,
            description = "how late events of a day are still counted (default: ${DEFAULT-VALUE})")
    Duration graceDaily;

    @Option(names = "--retention", defaultValue = "30d", converter = Durations.class,
            description = "how long windows are kept (default: ${DEFAULT-VALUE})")
    Duration retention;

    @Option(names = "--dedup-window", defaultValue = "1h", converter = Durations.class,
            description = "event time within which a repeated request_id is a duplicate (default: ${DEFAULT-VALUE})")
    Duration dedupWindow;

    @Option(names = "--source-idle-timeout", defaultValue = "30s", converter = Durations.class,
            description = "wall-clock time without a record after which a caught-up input partition stops holding windows open (default: ${DEFAULT-VALUE})")
    Duration sourceIdleTimeout;

    @Option(names = "--anomaly-k", defaultValue = "2",
            description = "standard deviations above an endpoint's baseline that make a minute an anomaly (default: ${DEFAULT-VALUE})")
    double anomalyK;

    @Option(names = "--anomaly-min-requests", defaultValue = "20",
            description = "fewest requests in a minute for it to be judged an anomaly (default: ${DEFAULT-VALUE})")
    long anomalyMinRequests;

    @Option(names = "--anomaly-min-baseline-windows", defaultValue = "10",
            description = "earlier minutes an endpoint's baseline needs before anything is flagged (default: ${DEFAULT-VALUE})")
    int anomalyMinBaselineWindows;

    @Option(names = "--max-session-length", defaultValue = "4h", converter = Durations.class,
            description = "longest flyer_open to flyer_close that is one session (default: ${DEFAULT-VALUE})")
    Duration maxSessionLength;

    @Option(names = "--log-retention", defaultValue = "24h", converter = Durations.class,
            description = "how long app log lines stay searchable (default: ${DEFAULT-VALUE})")
    Duration logRetention;

    @Option(names = "--api-keys", split = ",", defaultValue = "",
            description = "API keys, comma-separated, each 'key' (may do all) or 'key:ingest' or 'key:query'; none: the API is open")
    List<String> apiKeys;

    @Option(names = "--api-keys-file",
            description = "file of API keys, one 'key [all|ingest|query]' per line, # for comments")
    Path apiKeysFile;

    @Option(names = "--internal-key",
            description = "secret the instances of a group send each other; required with API keys, the same on every instance")
    String internalKey;

    @Option(names = "--ingest-rate-limit", defaultValue = "0",
            description = "ingest requests a second per API key (per client address without keys), 0 for no limit (default: ${DEFAULT-VALUE})")
    double ingestRateLimit;

    @Option(names = "--query-rate-limit", defaultValue = "0",
            description = "query requests a second per API key (per client address without keys), 0 for no limit (default: ${DEFAULT-VALUE})")
    double queryRateLimit;

    @Option(names = "--metrics-recording-level", defaultValue = "INFO",
            description = "Kafka Streams metrics on /metrics: INFO, or DEBUG to add RocksDB and per-task metrics (default: ${DEFAULT-VALUE})")
    String metricsRecordingLevel;

    @Option(names = "--max-request-bytes", defaultValue = "10485760",
            description = "largest ingest body; larger ones get 413 (default: ${DEFAULT-VALUE})")
    long maxRequestBytes;

    @Option(names = "--ingest-timeout", defaultValue = "3s", converter = Durations.class,
            description = "wait for Kafka's acknowledgement before answering 503 (default: ${DEFAULT-VALUE})")
    Duration ingestTimeout;

    /** An open API (no keys) is reachable from this machine only, unless an address is asked for explicitly. */
    private String bindAddress(AccessSettings access) {
        if (httpHost != null && !httpHost.isBlank()) {
            return httpHost;
        }
        return access.enabled() ? "0.0.0.0" : "127.0.0.1";
    }

    public AppConfig toConfig() {
        TopologyConfig topology = TopologyConfig.builder().topicPrefix(kafkaClient.topicPrefix).windowGrace(grace).dailyGrace(graceDaily)
                .retention(retention).dedupWindow(dedupWindow).sourceIdleTimeout(sourceIdleTimeout)
                .anomalies(new AnomalySettings(anomalyK, anomalyMinRequests, anomalyMinBaselineWindows))
                .flyer(new FlyerSettings(maxSessionLength)).appLogs(new AppLogSettings(logRetention)).build();
        AccessSettings access = new AccessSettings(AccessSettings.parseKeys(apiKeys == null ? List.of() : apiKeys, apiKeysFile), internalKey,
                ingestRateLimit, queryRateLimit);
        return AppConfig.builder().bootstrapServers(bootstrapServers).kafkaProperties(kafkaClient.properties())
                .httpHost(bindAddress(access)).httpPort(httpPort).advertisedHost(advertisedHost).stateDir(stateDir)
                .applicationId(applicationId).partitions(partitions).replicationFactor(replicationFactor)
                .embeddedKafkaDir(embeddedKafkaDir).embeddedKafkaPort(embeddedKafkaPort).standbyReplicas(standbyReplicas)
                .streamThreads(streamThreads == 0 ? AppConfig.Builder.ONE_PER_CORE : streamThreads).sessionTimeout(sessionTimeout).maxRequestBytes(maxRequestBytes).ingestTimeout(ingestTimeout)
                .access(access).metricsRecordingLevel(metricsRecordingLevel).topology(topology).build();
    }
}
