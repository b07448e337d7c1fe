package io.streamlytics.app.it;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/** Writes a data set straight into the crash test's input topics, slice by slice, exactly once (idempotent, acks=all). */
final class Feeder implements AutoCloseable {
    private static final int BATCH = 50;

    private final KafkaProducer<String, String> producer;
    private final List<KnownDataSet.Event> events;
    private volatile int fed;
    private final java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();

    Feeder(String bootstrapServers, List<KnownDataSet.Event> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        this.events = events;
    }

    /** Feeds the events up to (not including) {@code until}, spread over about {@code over}. */
    Thread feedInBackground(int until, Duration over) {
        int from = fed;
        long pauseMs = over.toMillis() * BATCH / Math.max(1, until - from);
        Thread thread = new Thread(() -> {
            for (int i = from; i < until; i++) {
                KnownDataSet.Event event = events.get(i);
                producer.send(new ProducerRecord<>(CrashRecoveryIntegrationTest.TOPICS.input(event.topic()), event.key(), event.json()),
                        (metadata, error) -> {
                            if (error != null) {
                                failures.incrementAndGet();
                            }
                        });
                if ((i + 1) % BATCH == 0 || i + 1 == until) {
                    producer.flush();
                    fed = i + 1;
                    try {
                        Thread.sleep(pauseMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "crash-test-feeder");
        thread.start();
        return thread;
    }

    /** Events the broker did not acknowledge: the data set would not be what the test expects. */
    int failures() {
        return failures.get();
    }

    int fed() {
        return fed;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
