package io.streamlytics.app.it;

import io.streamlytics.topology.store.DecodedWindowStoreBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Pins what {@code DecodedWindowStore} relies on in Kafka Streams, on a real broker: Kafka Streams itself writes the
 * held aggregates down before it commits, so they reach the changelog in the transaction that commits their input's
 * offsets; and its builder gets a window store's changelog (compacted, and deleted after the retention). The test
 * never touches the store: if an upgrade stops either, the aggregate or the policy is missing here.
 */
class DecodedWindowStoreIntegrationTest {
    private static final String APPLICATION_ID = "decoded-store-it";
    private static final String INPUT = "decoded-store-it-input";
    private static final String STORE = "tallies";
    private static final String CHANGELOG = APPLICATION_ID + "-" + STORE + "-changelog";
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration RETENTION = Duration.ofDays(3);
    private static final Duration ADDITIONAL_CHANGELOG_RETENTION = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2025-05-22T15:00:00Z");
    private static final int RECORDS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MARKER_WAIT = Duration.ofSeconds(5);

    private static String bootstrap;
    private static Path stateDir;
    private static KafkaStreams streams;

    /** Counts a key's records per window, reading and rewriting the window's tally as the product's aggregates do. */
    private static final class Tally implements Processor<String, String, Void, Void> {
        private WindowStore<String, Long> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            long windowStart = record.timestamp() - record.timestamp() % WINDOW.toMillis();
            Long count = store.fetch(record.key(), windowStart);
            store.put(record.key(), count == null ? 1 : count + 1, windowStart);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        bootstrap = SharedBroker.bootstrapServers();
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(INPUT, Optional.of(1), Optional.empty()))).all().get();
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(new DecodedWindowStoreBuilder<>(Stores.persistentWindowStore(STORE, RETENTION, WINDOW, false),
                Serdes.String(), Serdes.Long()).withLoggingEnabled(Map.of()).withCachingEnabled());
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String())).process(Tally::new, Named.as("tally"), STORE);

        stateDir = Files.createTempDirectory("decoded-store-it");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG, ADDITIONAL_CHANGELOG_RETENTION.toMillis());
        streams = new KafkaStreams(builder.build(), props);
        streams.start();
        Instances.await(TIMEOUT, () -> streams.state() == KafkaStreams.State.RUNNING, "the streams client is RUNNING");
    }

    @AfterAll
    static void stop() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams.cleanUp();
        }
    }

    @Test
    void aTallyWrittenBetweenCommitsReachesTheChangelogInTheTransactionOfItsInputOffsets() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                producer.send(new ProducerRecord<>(INPUT, 0, T0.plusSeconds(i).toEpochMilli(), "a", "event-" + i)).get();
            }
        }
        TopicPartition input = new TopicPartition(INPUT, 0);
        try (Admin admin = admin()) {
            Instances.await(TIMEOUT, () -> committedOffset(admin, input) == RECORDS, "the group has committed every input record");
        }

        // no more input, so no later transaction: what a read_committed reader sees was committed with those offsets.
        // A transaction's markers reach its partitions one by one, so the changelog's may land just after the offsets'.
        long deadline = System.nanoTime() + MARKER_WAIT.toNanos();
        Long latest = latestCommittedTally();
        while (!Long.valueOf(RECORDS).equals(latest) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            latest = latestCommittedTally();
        }
        assertEquals((long) RECORDS, latest, "the latest committed tally of key a in " + CHANGELOG);
    }

    private static Long latestCommittedTally() {
        AtomicReference<Long> latest = new AtomicReference<>();
        TopicDump.each(bootstrap, CHANGELOG, "read_committed", TIMEOUT, record -> {
            try (var longs = new LongDeserializer()) {
                latest.set(longs.deserialize(CHANGELOG, record.value()));
            }
        });
        return latest.get();
    }

    @Test
    void theChangelogIsAWindowStoreChangelog() throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, CHANGELOG);
        try (Admin admin = admin()) {
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            Set<String> policies = Arrays.stream(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value().split(","))
                    .map(String::trim).collect(Collectors.toSet());
            assertEquals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.CLEANUP_POLICY_DELETE), policies);
            assertEquals(String.valueOf(RETENTION.plus(ADDITIONAL_CHANGELOG_RETENTION).toMillis()),
                    config.get(TopicConfig.RETENTION_MS_CONFIG).value());
        }
    }

    private static long committedOffset(Admin admin, TopicPartition partition) {
        try {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get().get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (ExecutionException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
