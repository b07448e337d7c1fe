package io.streamlytics.app.it;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A diagnostic for a failed differential case: every record of every topic of the case, marked committed (C, seen by a
 * read_committed reader) or not (U, aborted or still open), with the group's committed offsets and the log ends, so that a
 * lost record can be followed from its input offset through the repartition topics.
 */
final class TopicDump {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private TopicDump() {
    }

    static void write(String bootstrap, String applicationId, String topicPrefix, Path dir) throws Exception {
        Files.createDirectories(dir);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(topicPrefix) || name.startsWith(applicationId + "-")).sorted().toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("group-offsets.tsv")))) {
                committed.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::toString)))
                        .forEach(entry -> out.println(entry.getKey() + "\t" + entry.getValue().offset()));
            }
            for (String topic : topics) {
                Set<Long> committedKeys = new HashSet<>();
                each(bootstrap, topic, "read_committed", READ_TIMEOUT, record -> committedKeys.add(((long) record.partition() << 40) | record.offset()));
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve(topic + ".tsv")))) {
                    each(bootstrap, topic, "read_uncommitted", READ_TIMEOUT, record -> out.println(record.partition() + "\t" + record.offset() + "\t"
                            + (committedKeys.contains(((long) record.partition() << 40) | record.offset()) ? "C" : "U") + "\t"
                            + record.timestamp() + "\t" + printable(record.key()) + "\t" + printable(record.value()) + "\t"
                            + headers(record)));
                }
            }
        }
    }

    /** Each record of {@code topic} up to its end when reading starts, within {@code timeout}, read without a group. */
    static void each(String bootstrap, String topic, String isolation, Duration timeout,
                     java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(action);
            }
        }
    }

    private static String headers(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        for (Header header : record.headers()) {
            text.append(header.key()).append('=').append(printable(header.value())).append(';');
        }
        return text.toString();
    }

    private static String printable(byte[] bytes) {
        if (bytes == null) {
            return "(null)";
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            out.append(c >= 32 && c < 127 ? c : '.');
        }
        return out.toString();
    }

    static void writeQuietly(String bootstrap, String applicationId, String topicPrefix, Path dir) {
        try {
            write(bootstrap, applicationId, topicPrefix, dir);
            System.out.println("[differential] topics dumped to " + dir);
        } catch (Exception e) {
            System.out.println("[differential] topic dump failed: " + e);
        }
    }
}
