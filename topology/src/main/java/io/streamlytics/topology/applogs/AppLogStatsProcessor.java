package io.streamlytics.topology.applogs;

import io.streamlytics.topology.time.TimeWindow;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.AppLogJson;
import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts each line in its (app, bucket)'s 1-minute and 1-hour windows. Admission let through only lines
 * on time for their hour; a line too late for its minute (its end plus grace had passed in its input
 * partition) is left out of the minute, still counted in the hour, and written to late-events.
 */
public final class AppLogStatsProcessor implements Processor<String, StreamMessage<AppLog>, String, String> {
    private final long graceMs;
    private final String sourceTopic;
    private final Map<TimeWindow, WindowStore<String, LogCounts>> stores = new EnumMap<>(TimeWindow.class);
    private ProcessorContext<String, String> context;

    public AppLogStatsProcessor(long graceMs, String sourceTopic) {
        this.graceMs = graceMs;
        this.sourceTopic = sourceTopic;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        for (TimeWindow window : TimeWindow.values()) {
            stores.put(window, context.getStateStore(AppLogsPipeline.store(window)));
        }
    }

    @Override
    public void process(Record<String, StreamMessage<AppLog>> record) {
        if (!(record.value() instanceof StreamMessage.Event<AppLog> event)) {
            return;
        }
        AppLog log = event.event();
        for (TimeWindow window : TimeWindow.values()) {
            long start = window.startOf(log.timestamp());
            long end = start + window.size().toMillis();
            if (event.lateFor(end, graceMs)) {
                reportLate(log, window, end, event.sourceStreamTime());
                continue;
            }
            WindowStore<String, LogCounts> store = stores.get(window);
            LogCounts counts = store.fetch(record.key(), start);
            if (counts == null) {
                counts = new LogCounts();
            }
            counts.add(log);
            store.put(record.key(), counts, start);
        }
    }

    private void reportLate(AppLog log, TimeWindow window, long windowEnd, long streamTime) {
        var headers = new RecordHeaders();
        ErrorHeaders.add(headers, sourceTopic, "late-app-log-" + window.label(), "event time " + Instant.ofEpochMilli(log.timestamp())
                + " is late for its " + window.label() + " app log window: it closed at "
                + Instant.ofEpochMilli(windowEnd + graceMs) + " and stream time is " + Instant.ofEpochMilli(streamTime)
                + " (still counted in its hour and searchable)");
        context.forward(new Record<>(log.app(), AppLogJson.write(log).toString(), log.timestamp(), headers));
    }
}
