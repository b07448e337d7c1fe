package io.streamlytics.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.InvalidEventException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Validates events with the topology's own parsers and writes the valid ones to Kafka, replying only
 * after the broker acknowledged every one of them (acks=all, idempotent producer).
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    /** A rejected line is kept whole on dead-letters up to this size, well under Kafka's default record limit. */
    static final int MAX_DEAD_LETTER_BYTES = 64 * 1024;
    /** The most events one request may hold; a body with more is refused whole with 413. */
    public static final int MAX_EVENTS_PER_REQUEST = 10_000;
    /** Ingest bodies read and parsed at once (the others wait for a turn, then get a 503). */
    static final int MAX_CONCURRENT = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final Duration WAIT_FOR_TURN = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Duration ackTimeout;
    private final Clock clock;
    private final BooleanSupplier kafkaReachable;
    private final Semaphore turns = new Semaphore(MAX_CONCURRENT);

    /** {@code kafkaReachable}: false while no broker can be reached, and ingest refuses without waiting for the producer. */
    public IngestService(Producer<String, byte[]> producer, Topics topics, Duration ackTimeout, Clock clock, BooleanSupplier kafkaReachable) {
        this.producer = producer;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
        this.kafkaReachable = kafkaReachable;
    }

    /**
     * Reads the body only once it is this request's turn: at most {@link #MAX_CONCURRENT} bodies are read and parsed at
     * once, so that with the body and event limits ingest takes a bounded part of the heap whatever the number of clients.
     */
    public IngestResult ingest(String topicName, Supplier<byte[]> body, BodyFormat format) {
        IngestTopic<?> topic = IngestTopic.named(topicName).orElseThrow(() -> ApiException.notFound("unknown_topic",
                "unknown topic '" + topicName + "': ingest accepts " + String.join(", ", IngestTopic.SUPPORTED.keySet())));
        try {
            if (!turns.tryAcquire(WAIT_FOR_TURN.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiException(503, "ingest_busy", MAX_CONCURRENT + " ingest requests are being read already and none"
                        + " finished within " + WAIT_FOR_TURN.toSeconds() + " s; nothing was written, retry the whole request", 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", "ingest interrupted while waiting for its turn");
        }
        try {
            return ingest(topic, body.get(), format);
        } finally {
            turns.release();
        }
    }

    private IngestResult ingest(IngestTopic<?> topic, byte[] body, BodyFormat format) {
        List<IngestBody.Item> items = IngestBody.parse(body, format);
        if (Topics.SPARK_EVENTS.equals(topic.contractName())) {
            SparkEventLogBody.tagApplication(items.stream().map(IngestBody.Item::json).toList());
        }
        long now = clock.millis();
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> valid = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>();
        String inputTopic = topics.input(topic.contractName());
        for (int index = 0; index < items.size(); index++) {
            IngestBody.Item item = items.get(index);
            if (item.error() != null) {
                rejected.add(new IngestResult.Rejection(index, item.error()));
                deadLetters.add(deadLetter(inputTopic, item.unreadable(), "malformed_json", item.error()));
                continue;
            }
            try {
                String key = topic.validate(item.json(), now);
                valid.add(new ProducerRecord<>(inputTopic, key, bytes(item.json())));
            } catch (InvalidEventException e) {
                rejected.add(new IngestResult.Rejection(index, e.getMessage()));
                deadLetters.add(deadLetter(inputTopic, bytes(item.json()), e.code(), e.getMessage()));
            }
        }
        if (valid.isEmpty()) {
            recordRejections(deadLetters);
            throw new NoValidEventsException(items.size(), rejected);
        }
        valid.addAll(deadLetters);
        writeAll(valid);
        return new IngestResult(valid.size() - deadLetters.size(), rejected);
    }

    /** A rejected event on dead-letters, marked as refused at ingest so /quality counts it as rejected. */
    private ProducerRecord<String, byte[]> deadLetter(String inputTopic, byte[] value, String code, String reason) {
        byte[] kept = value.length > MAX_DEAD_LETTER_BYTES ? Arrays.copyOf(value, MAX_DEAD_LETTER_BYTES) : value;
        var record = new ProducerRecord<String, byte[]>(topics.deadLetters(), null, kept);
        ErrorHeaders.add(record.headers(), inputTopic, code, value.length > kept.length
                ? reason + " (first " + MAX_DEAD_LETTER_BYTES + " of " + value.length + " bytes kept)" : reason);
        record.headers().add(ErrorHeaders.STAGE, ErrorHeaders.STAGE_INGEST.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** When nothing was valid the client's answer is the 400; failing to record the rejections must not hide it. */
    private void recordRejections(List<ProducerRecord<String, byte[]>> deadLetters) {
        try {
            writeAll(deadLetters);
        } catch (ApiException e) {
            LOG.warn("{} rejected events not recorded on dead-letters: {}", deadLetters.size(), e.getMessage());
        }
    }

    private void writeAll(List<ProducerRecord<String, byte[]>> records) {
        if (!kafkaReachable.getAsBoolean()) {
            throw ApiException.unavailable("kafka_unavailable", "Kafka is unreachable (no broker accepts connections);"
                    + " nothing was written, retry the whole request later");
        }
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        try {
            for (var record : records) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("ingest of {} events not acknowledged by Kafka: {}", records.size(), cause.toString());
            throw ApiException.unavailable("kafka_unavailable", "Kafka did not acknowledge the events within "
                    + ackTimeout.toMillis() + " ms (" + cause.getClass().getSimpleName() + "); retry the whole request"
                    + " (events with a request_id are de-duplicated if some of them did arrive)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", "ingest interrupted while waiting for Kafka");
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree is always writable", e);
        }
    }
}
