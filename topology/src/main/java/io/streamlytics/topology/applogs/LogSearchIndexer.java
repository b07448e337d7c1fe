package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each line in the search store under its (app, bucket) at its timestamp. Lines of the same
 * millisecond share one entry, appended in arrival order, so a line's place (timestamp, bucket, index)
 * is unique and never changes: pages of a search can start after it. The store's retention drops old
 * lines; a line already beyond it when it arrives goes to late-events.
 */
public final class LogSearchIndexer implements Processor<String, StreamMessage<AppLog>, String, String> {
    private final Duration retention;
    private final String sourceTopic;
    private ProcessorContext<String, String> context;
    private WindowStore<String, List<AppLog>> lines;

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
            lines.put(record.key(), updated, log.timestamp());
        }
    }
}
