package io.streamlytics.topology.applogs;

import io.streamlytics.topology.admission.ErrorHeaders;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/** Where the search indexer sets a line aside: dead-letters when its millisecond was full, late-events when it was too old. */
record SearchAsideTopic(String lateEvents, String deadLetters) implements TopicNameExtractor<String, String> {
    @Override
    public String extract(String key, String line, RecordContext record) {
        return LogSearchIndexer.FULL.equals(ErrorHeaders.read(record.headers(), ErrorHeaders.EXCEPTION)) ? deadLetters : lateEvents;
    }

    /** Shown by the topology's description, which must not change with the topic prefix. */
    @Override
    public String toString() {
        return "late-events, or dead-letters for " + LogSearchIndexer.FULL;
    }
}
