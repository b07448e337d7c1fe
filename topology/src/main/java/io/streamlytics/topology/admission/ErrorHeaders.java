package io.streamlytics.topology.admission;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;

/**
 * Headers on dead-letter and late records. The names are Kafka Streams' own dead-letter-queue
 * headers (KIP-1034), so records from our validation and from the built-in handler read alike.
 */
public final class ErrorHeaders {
    public static final String TOPIC = "__streams.errors.topic";
    public static final String PARTITION = "__streams.errors.partition";
    public static final String OFFSET = "__streams.errors.offset";
    public static final String REASON = "__streams.errors.message";
    public static final String EXCEPTION = "__streams.errors.exception";
    /** Where a record was set aside when not in the topology: {@link #STAGE_INGEST} for HTTP ingest's rejections. */
    public static final String STAGE = "streamlytics.stage";
    public static final String STAGE_INGEST = "ingest";

    private ErrorHeaders() {
    }

    static void add(Headers headers, RecordMetadata source, String kind, String reason) {
        set(headers, PARTITION, Integer.toString(source.partition()));
        set(headers, OFFSET, Long.toString(source.offset()));
        add(headers, source.topic(), kind, reason);
    }

    /** For records judged after a repartition, where the input partition and offset are no longer known. */
    public static void add(Headers headers, String sourceTopic, String kind, String reason) {
        set(headers, TOPIC, sourceTopic);
        set(headers, REASON, reason);
        set(headers, EXCEPTION, kind);
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public static String read(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
