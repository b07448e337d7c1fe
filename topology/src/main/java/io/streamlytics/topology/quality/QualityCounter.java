package io.streamlytics.topology.quality;

import io.streamlytics.topology.Topics;
import io.streamlytics.topology.admission.ErrorHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts what lands on dead-letters, late-events and duplicate-events by kind, source topic and
 * reason code (the error headers every writer sets). Counting the topics themselves, rather than
 * counters spread over each pipeline, gives one place that sees every writer, Kafka Streams' own
 * dead-letter handler included, and exactly-once counts that survive restarts.
 */
public final class QualityCounter implements Processor<byte[], byte[], Void, Void> {
    static final String UNKNOWN = "unknown";

    private final Topics topics;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, Long> counts;

    public QualityCounter(Topics topics) {
        this.topics = topics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.counts = context.getStateStore(QualityPipeline.COUNTS_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String topic = context.recordMetadata().map(metadata -> metadata.topic()).orElse("");
        QualityKind kind;
        if (topic.equals(topics.lateEvents())) {
            kind = QualityKind.LATE;
        } else if (topic.equals(topics.duplicateEvents())) {
            kind = QualityKind.DUPLICATE;
        } else {
            kind = ErrorHeaders.STAGE_INGEST.equals(ErrorHeaders.read(record.headers(), ErrorHeaders.STAGE))
                    ? QualityKind.REJECTED : QualityKind.DEAD_LETTERED;
        }
        String key = new QualityCount(kind, orUnknown(ErrorHeaders.read(record.headers(), ErrorHeaders.TOPIC)),
                orUnknown(ErrorHeaders.read(record.headers(), ErrorHeaders.EXCEPTION)), 0).storeKey();
        Long count = counts.get(key);
        counts.put(key, count == null ? 1 : count + 1);
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }
}
