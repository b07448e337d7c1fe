package io.streamlytics.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** The Kafka side of the benchmarks: bulk load, a raw consumer as the ceiling, the group's progress. */
public final class BenchKafka {
    private BenchKafka() {
    }

    public static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Not idempotent: on a fresh, loaded broker a first batch retried after NOT_LEADER_OR_FOLLOWER
        // or a timeout, though appended, left the idempotent producer retrying sequence 0 for ever.
        // One request in flight keeps the order; a duplicate from a retry would fail the benchmarks'
        // count checks rather than pass unseen.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Produces every {key, value} pair and waits for all acknowledgements; the bytes of the values. */
    public static long load(String bootstrap, String topic, Iterator<String[]> events) {
        long bytes = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = producer(bootstrap)) {
            while (events.hasNext() && failure.get() == null) {
                String[] event = events.next();
                bytes += event[1].length();
                producer.send(new ProducerRecord<>(topic, event[0], event[1]), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("loading " + topic + " failed: " + failure.get(), failure.get());
        }
        return bytes;
    }

    /**
     * Reads {@code expected} records of {@code topic} from the beginning with a plain consumer that
     * only deserializes key and value to strings: the ceiling of any application reading that topic.
     * Returns the records per second.
     */
    public static double rawReadRate(String bootstrap, String topic, long expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long start = System.nanoTime();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long checksum = 0;
            while (read < expected) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    checksum += record.value().length(); // the strings are used, so decoding cannot be skipped
                }
            }
            if (checksum == 0) {
                throw new IllegalStateException("read only empty records");
            }
        }
        return expected / ((System.nanoTime() - start) / 1e9);
    }

    public static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    /** Offsets the group has committed, by partition. */
    public static Map<TopicPartition, Long> committed(Admin admin, String group) throws ExecutionException, InterruptedException {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** Sum of the group's committed offsets on one topic: how many of its records it has processed. */
    public static long committedOn(Admin admin, String group, String topic) throws ExecutionException, InterruptedException {
        return committed(admin, group).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * True when the group has committed the end of every partition of {@code input} and of every
     * other topic it has committed on (its repartition topics), so every record has been processed.
     */
    public static boolean caughtUp(Admin admin, String group, String input, int inputPartitions)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, Long> committed = committed(admin, group);
        if (committed.keySet().stream().filter(tp -> tp.topic().equals(input)).count() < inputPartitions) {
            return false;
        }
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        return committed.entrySet().stream().allMatch(e -> e.getValue() >= ends.get(e.getKey()).offset());
    }

    /**
     * True when the group has committed the end of every partition of {@code input} and of each of its
     * repartition topics ({@code <group>-…-repartition}), including partitions it has not committed on yet.
     */
    public static boolean processedAll(Admin admin, String group, String input) throws ExecutionException, InterruptedException {
        List<String> topics = admin.listTopics().names().get().stream()
                .filter(t -> t.equals(input) || t.startsWith(group + "-") && t.endsWith("-repartition")).toList();
        Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        Map<TopicPartition, Long> committed = committed(admin, group);
        return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue().offset());
    }

}
