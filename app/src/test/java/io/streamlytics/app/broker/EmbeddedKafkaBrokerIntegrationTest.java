package io.streamlytics.app.broker;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.app.kafka.KafkaConnection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIntegrationTest {

    private static final String TOPIC = "events";
    private static final Duration READ_DEADLINE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofDays(9);

    @TempDir
    Path dataDir;

    @Test
    @Timeout(180)
    void servesTransactionsAndKeepsDataAcrossRestart() throws Exception {
        Map<String, String> firstBatch = Map.of("k1", "v1", "k2", "v2", "k3", "v3", "k4", "v4", "k5", "v5", "k6", "v6");
        int port;
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir)) {
            port = broker.port();
            assertEquals("127.0.0.1:" + port, broker.bootstrapServers());
            assertTrue(Files.exists(dataDir.resolve("kafka-logs/meta.properties")));

            TopicSetup.ensure(KafkaConnection.of(broker.bootstrapServers()), List.of(TOPIC), 3, (short) 1, RETENTION);
            TopicSetup.ensure(KafkaConnection.of(broker.bootstrapServers()), List.of(TOPIC), 3, (short) 1, RETENTION); // idempotent
            assertEquals(Long.toString(RETENTION.toMillis()), retentionMs(broker.bootstrapServers()), "retention.ms from configuration");

            produceInTransaction(broker.bootstrapServers(), firstBatch);
            assertEquals(new TreeMap<>(firstBatch), readCommitted(broker.bootstrapServers(), firstBatch.size()));

            broker.close();
            broker.close(); // harmless second close (try-with-resources makes a third)
        }

        // Outage over: the same dir and port bring back the same cluster, topic and records.
        try (EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDir, port)) {
            assertEquals("127.0.0.1:" + port, restarted.bootstrapServers());
            TopicSetup.ensure(KafkaConnection.of(restarted.bootstrapServers()), List.of(TOPIC), 3, (short) 1, RETENTION); // already there: fine
            assertEquals(new TreeMap<>(firstBatch), readCommitted(restarted.bootstrapServers(), firstBatch.size()));

            // Transactions still work after the restart (transaction coordinator state reloaded).
            produceInTransaction(restarted.bootstrapServers(), Map.of("k7", "v7"));
            Map<String, String> all = new TreeMap<>(firstBatch);
            all.put("k7", "v7");
            assertEquals(all, readCommitted(restarted.bootstrapServers(), all.size()));
        }
    }

    @Test
    @Timeout(120)
    void failsClearlyWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> EmbeddedKafkaBroker.start(dataDir, taken.getLocalPort()));
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
    }

    private static void produceInTransaction(String bootstrap, Map<String, String> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test-" + UUID.randomUUID());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "30000");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            records.forEach((k, v) -> producer.send(new ProducerRecord<>(TOPIC, k, v)));
            producer.commitTransaction();
        }
    }

    /** Reads the topic from the start with a fresh group until {@code expected} records arrive or the deadline passes. */
    private static Map<String, String> readCommitted(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "embedded-broker-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, String> seen = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.put(record.key(), record.value());
                }
            }
        }
        return seen;
    }

    private static String retentionMs(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            return admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.RETENTION_MS_CONFIG).value();
        }
    }
}
