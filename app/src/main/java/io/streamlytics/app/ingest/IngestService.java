package io.streamlytics.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.InvalidEventException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Validates events with the topology's own parsers and writes the valid ones to Kafka, replying only
 * after the broker acknowledged every one of them (acks=all, idempotent producer).
 */
public final class IngestService {
    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final Producer<String, byte[]> producer;
    private final Topics topics;
    private final Duration ackTimeout;
    private final Clock clock;

    public IngestService(Producer<String, byte[]> producer, Topics topics, Duration ackTimeout, Clock clock) {
        this.producer = producer;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
        this.clock = clock;
    }

    public IngestResult ingest(String topicName, byte[] body, boolean ndjson) {
        IngestTopic<?> topic = IngestTopic.named(topicName).orElseThrow(() -> ApiException.notFound("unknown_topic",
                "unknown topic '" + topicName + "': ingest accepts " + String.join(", ", IngestTopic.SUPPORTED.keySet())));
        List<IngestBody.Item> items = IngestBody.parse(body, ndjson);
        long now = clock.millis();
        List<IngestResult.Rejection> rejected = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> valid = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            IngestBody.Item item = items.get(index);
            if (item.error() != null) {
                rejected.add(new IngestResult.Rejection(index, item.error()));
                continue;
            }
            try {
                String key = topic.validate(item.json(), now);
                valid.add(new ProducerRecord<>(topics.input(topic.contractName()), key, bytes(item.json())));
            } catch (InvalidEventException e) {
                rejected.add(new IngestResult.Rejection(index, e.getMessage()));
            }
        }
        if (valid.isEmpty()) {
            throw new NoValidEventsException(items.size(), rejected);
        }
        writeAll(valid);
        return new IngestResult(valid.size(), rejected);
    }

    private void writeAll(List<ProducerRecord<String, byte[]>> records) {
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
