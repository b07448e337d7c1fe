package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.watermark.LowWatermark;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;

/**
 * The merge stage, keyed by endpoint: collects every customer partition's partial of a minute and
 * sends the minute's final row once every partition has closed it (the low watermark over the
 * partitions' "closed up to" times has passed the minute's end). Grace was already waited for
 * upstream. A partial arriving for a minute already sent (a correction) re-sends its row. Every customer
 * partition is waited for, and each announces how far it has closed when its task starts.
 */
public final class EndpointMinuteMerger implements Processor<String, StreamMessage<EndpointPartial>, String, EndpointMetrics> {
    private static final long MINUTE_MS = TimeWindow.ONE_MINUTE.size().toMillis();

    private final int customerPartitions;
    private final Duration closeCheckPeriod;
    private ProcessorContext<String, EndpointMetrics> context;
    private WindowStore<String, MinutePartials> minutes;
    private LowWatermark closedByAllPartitions;

    /** @param customerPartitions how many customer partitions send partials: each one is waited for */
    public EndpointMinuteMerger(int customerPartitions, Duration closeCheckPeriod) {
        this.customerPartitions = customerPartitions;
        this.closeCheckPeriod = closeCheckPeriod;
    }

    @Override
    public void init(ProcessorContext<String, EndpointMetrics> context) {
        this.context = context;
        this.minutes = context.getStateStore(EndpointMetricsPipeline.MERGE_STORE);
        // a customer partition is never idle here: each sees every input partition's watermarks, and says
        // how far it has closed even when it had nothing to close; so every one of them is waited for
        this.closedByAllPartitions = new LowWatermark(context.getStateStore(EndpointMetricsPipeline.MERGE_WATERMARK_STORE),
                WatermarkSource.allCaughtUp(EndpointMetricsPipeline.MERGE_REPARTITION, customerPartitions), context);
        context.schedule(closeCheckPeriod, PunctuationType.WALL_CLOCK_TIME, now -> sendClosedMinutes());
    }

    @Override
    public void process(Record<String, StreamMessage<EndpointPartial>> record) {
        if (record.value() instanceof StreamMessage.Event<EndpointPartial> event) {
            EndpointPartial partial = event.event();
            MinutePartials partials = minutes.fetch(record.key(), partial.windowStart());
            if (partials == null) {
                partials = new MinutePartials();
            }
            partials.put(partial);
            minutes.put(record.key(), partials, partial.windowStart());
            if (partial.windowStart() + MINUTE_MS <= closedByAllPartitions.closedUpTo()) {
                send(record.key(), partial.windowStart(), partials);
            }
        } else if (record.value() instanceof StreamMessage.Watermark<EndpointPartial> closed) {
            closedByAllPartitions.observe(closed);
            sendClosedMinutes();
        }
    }

    private void sendClosedMinutes() {
        var low = closedByAllPartitions.current();
        if (low.isEmpty() || low.getAsLong() <= closedByAllPartitions.closedUpTo()) {
            return;
        }
        long closeUpTo = low.getAsLong();
        long closedUpTo = closedByAllPartitions.closedUpTo();
        long firstStart = closedUpTo == Long.MIN_VALUE ? 0 : Math.max(0, closedUpTo - MINUTE_MS + 1);
        long lastStart = closeUpTo - MINUTE_MS;
        if (lastStart >= firstStart) {
            // per endpoint, minutes come oldest first: the anomaly baseline sees them in order
            try (KeyValueIterator<Windowed<String>, MinutePartials> closing =
                         minutes.fetchAll(Instant.ofEpochMilli(firstStart), Instant.ofEpochMilli(lastStart))) {
                while (closing.hasNext()) {
                    KeyValue<Windowed<String>, MinutePartials> minute = closing.next();
                    send(minute.key.key(), minute.key.window().start(), minute.value);
                }
            }
        }
        closedByAllPartitions.closeUpTo(closeUpTo);
    }

    private void send(String endpoint, long windowStart, MinutePartials partials) {
        context.forward(new Record<>(endpoint, partials.merged().toRow(endpoint, TimeWindow.ONE_MINUTE, windowStart),
                windowStart + MINUTE_MS - 1));
    }
}
