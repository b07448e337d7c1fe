package io.streamlytics.app.kafka;

import io.streamlytics.app.AppConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;

import java.time.Duration;
import java.util.Properties;

/**
 * Client settings in one place: the streams instance, and the producer behind HTTP ingest. Both start from the
 * connection's properties and puts the settings below over them: the file cannot loosen what the product relies on.
 */
public final class KafkaClients {
    /** The consumer's own default heartbeat interval. */
    private static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(3);

    private KafkaClients() {
    }

    /** Unprefixed connection properties reach every client Kafka Streams makes: consumers, producers and admin. */
    public static Properties streams(AppConfig config, KafkaConnection kafka, HostInfo advertised) {
        Properties props = kafka.clientProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertised.host() + ":" + advertised.port());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Transactional stores (KIP-892) would spare a crashed exactly-once instance its full restore, but in Kafka 4.4.0
        // their uncommitted-bytes gauge reads a RocksDB write batch that a closed task has freed: a metrics read from
        // any other thread (our Prometheus binding, a JMX exporter) crashes the JVM with SIGSEGV. Off, whatever a
        // --kafka-config file says, until a Kafka release fixes it (BENCHMARKS.md, section 5)
        props.put(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG, false);
        // Defaults a --kafka-config file may change. Without transactional stores there are no uncommitted bytes to
        // commit early for, yet Kafka Streams would sum them over every store of every task on each loop
        props.putIfAbsent(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, "-1");
        // A task waits for data on all its inputs only to interleave them by timestamp, which no pipeline here relies on:
        // time is judged by watermarks, and every aggregate merges in any order. Not waiting also spares each task's
        // per-loop readiness check, which formats log messages at any log level
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "-1");
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        // a restarted instance takes its tasks again as the member it was, without waiting out its own old session
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                StaticMembership.memberName(config.stateDir(), config.applicationId()));
        // a killed instance sends no leave: the group waits this long before its tasks move elsewhere
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) config.sessionTimeout().toMillis());
        // members learn of a rebalance from a heartbeat's reply, so every round of a rebalance waits up to one interval
        // for them: Kafka's 3 s, or less for a session too short to hold three heartbeats
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), heartbeatIntervalMs(config.sessionTimeout()));
        // Kafka Streams' 10 s would let the coordinator abort (and fence) a thread whose loop, or a rebalance it waits in,
        // takes longer under load: every task of the thread is then closed dirty, wiped and restored, which makes the next
        // rebalance slower still. As long as the session timeout, a crashed instance's open transaction ends about
        // when its tasks move anyway
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) Math.max(10_000, config.sessionTimeout().toMillis()));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        // changelogs and repartition topics as the topics created here
        TopicSetup.minInSyncReplicas(config.replicationFactor())
                .ifPresent(min -> props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), min));
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbConfig.class);
        props.put(StreamsConfig.METRICS_RECORDING_LEVEL_CONFIG, config.metricsRecordingLevel());
        // Bad input is set aside by admission, before anything is counted. An exception after it is internal (a store, a
        // serde, a bug): skipping the record would silently lose an accepted event, so the task fails and its thread is
        // replaced, which retries the record from the last commit
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // the partition assignor reads its Streams settings from the main consumer's: without this there, each consumer
        // logs a warning that the flag above is off
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topology().topics().deadLetters());
        return props;
    }

    static int heartbeatIntervalMs(Duration sessionTimeout) {
        return (int) Math.min(DEFAULT_HEARTBEAT.toMillis(), sessionTimeout.toMillis() / 3);
    }

    /**
     * Idempotent, acks=all: a reply of 202 means every event is on all in-sync replicas. Short
     * timeouts so that an unreachable cluster becomes a quick 503 rather than a hanging request.
     */
    public static KafkaProducer<String, byte[]> ingestProducer(KafkaConnection kafka, Duration ackTimeout) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int ackMs = (int) ackTimeout.toMillis();
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(100, ackMs - 10));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ackMs + 5);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "streamlytics-ingest");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
