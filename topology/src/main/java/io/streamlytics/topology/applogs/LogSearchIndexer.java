package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each line in the search store under its (app, bucket) at its timestamp. Lines of the same
 * millisecond share one entry, appended in arrival order, so a line's place (timestamp, bucket, index)
 * is unique and never changes: pages of a search can start after it. The store's retention drops old
 * lines; a line already beyond it when it arrives goes to late-events, one that no longer fits its
 * millisecond ({@link #MAX_VALUE_BYTES}) to dead-letters.
 */
public final class LogSearchIndexer implements Processor<String, StreamMessage<AppLog>, String, String> {
    private final Duration retention;
    private final String sourceTopic;
    private ProcessorContext<String, String> context;
    private WindowStore<String, List<AppLog>> lines;

    /** The most bytes the lines of one (app, bucket, millisecond) take in the store: far under a record's 1 MB. */
    public static final int MAX_VALUE_BYTES = 512 * 1024;
    /** The reason given on dead-letters for a line that did not fit. */
    public static final String FULL = "search_millisecond_full";

    public LogSearchIndexer(Duration retention, String sourceTopic) {
        this.retention = retention;
        this.sourceTopic = sourceTopic;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        lines = context.getStateStore(AppLogsPipeline.SEARCH_STORE);
    }

    @Override
    public void process(Record<String, StreamMessage<AppLog>> record) {
        if (record.value() instanceof StreamMessage.Event<AppLog> event) {
            AppLog log = event.event();
            if (LogLateness.beyondRetention(log.timestamp(), context.currentStreamTimeMs(), retention)) {
                LogLateness.report(context, sourceTopic, log, "late-app-log-search", "searchable lines", retention);
                return;
            }
            List<AppLog> sameMillisecond = lines.fetch(record.key(), log.timestamp());
            List<AppLog> updated = sameMillisecond == null ? new ArrayList<>(1) : sameMillisecond;
            updated.add(log);
            if (updated.size() > 1 && AppLogsPipeline.LINES_SERDE.serializer().serialize(null, updated).length > MAX_VALUE_BYTES) {
                refuse(log, record.key(), updated.size() - 1);
                return;
            }
            lines.put(record.key(), updated, log.timestamp());
        }
    }

    /**
     * Identical lines share their bucket, so a flood of them in one millisecond would make one value grow without bound.
     * Past the limit a line is still counted (stats, registry), not kept for search: it goes to dead-letters with why.
     */
    private void refuse(AppLog log, String key, int kept) {
        LogLateness.setAside(context, sourceTopic, log, FULL, kept + " lines of " + key + " at " + Instant.ofEpochMilli(log.timestamp())
                + " already take the " + MAX_VALUE_BYTES + " bytes one millisecond may hold in the search store: this line is"
                + " counted, not searchable");
    }
}
