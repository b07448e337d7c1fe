package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.TimeWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts each line in its (app, bucket)'s 1-minute and 1-hour windows, for as long as each is kept: no
 * grace, since nothing publishes these counts as final. A line already beyond one window size's
 * retention is left out of that size only, and written to late-events.
 */
public final class AppLogStatsProcessor implements Processor<String, StreamMessage<AppLog>, String, String> {
    private final Map<TimeWindow, Duration> retention;
    private final String sourceTopic;
    private final Map<TimeWindow, WindowStore<String, LogCounts>> stores = new EnumMap<>(TimeWindow.class);
    private ProcessorContext<String, String> context;

    public AppLogStatsProcessor(Map<TimeWindow, Duration> retention, String sourceTopic) {
        this.retention = retention;
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
            if (LogLateness.beyondRetention(start, window.startOf(context.currentStreamTimeMs()), retention.get(window))) {
                LogLateness.report(context, sourceTopic, log, "late-app-log-" + window.label(), window.label() + " log counts",
                        retention.get(window));
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
}
