package io.streamlytics.app.sample;

import io.streamlytics.app.kafka.KafkaConnection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Writes generated records straight into a topic, as a producer that speaks Kafka would. */
public final class SampleFeed implements AutoCloseable {
    private final Producer<String, String> producer;
    private final String topic;
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

    public SampleFeed(KafkaConnection kafka, String topic) {
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.topic = topic;
    }

    /** Sends the records without a key: the topology keys them itself. */
    public void send(List<String> records) {
        send(null, records);
    }

    /** Sends the records with one key, so that they stay in order on one partition (the lines of one Spark event log). */
    public void send(String key, List<String> records) {
        for (String record : records) {
            producer.send(new ProducerRecord<>(topic, key, record), (metadata, e) -> {
                if (e != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, e);
                }
            });
        }
    }

    /** Waits until every record sent is acknowledged; throws {@link IllegalStateException} when some were not. */
    public void flush() {
        producer.flush();
        if (firstFailure.get() != null) {
            throw new IllegalStateException("Kafka did not acknowledge " + failures.get() + " records to " + topic + ": "
                    + firstFailure.get().getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
