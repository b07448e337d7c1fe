package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.events.ApiRequest;
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
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.time.Instant;

/**
 * Adds each admitted request to its customer's day in the window store, and sends the final row of
 * every day once the low watermark over all input partitions has passed the day's end plus grace.
 * Lateness was judged at admission, so every event that reaches this processor counts; one that
 * lands in an already-closed day (possible only after its partition declared itself idle) re-sends that day's row.
 */
public final class CustomerDailyStatsProcessor implements Processor<String, StreamMessage<ApiRequest>, String, CustomerDailyStats> {
    private static final long DAY_MS = ApiRequestsPipeline.DAY.toMillis();

    private final long graceMs;
    private final WatermarkSource source;
    private final Duration closeCheckPeriod;
    private ProcessorContext<String, CustomerDailyStats> context;
    private WindowStore<String, CustomerDayAggregate> days;
    private LowWatermark lowWatermark;

    public CustomerDailyStatsProcessor(Duration grace, WatermarkSource source, Duration closeCheckPeriod) {
        this.graceMs = grace.toMillis();
        this.source = source;
        this.closeCheckPeriod = closeCheckPeriod;
    }

    @Override
    public void init(ProcessorContext<String, CustomerDailyStats> context) {
        this.context = context;
        this.days = context.getStateStore(ApiRequestsPipeline.DAILY_STATS_STORE);
        KeyValueStore<String, Long> watermarks = context.getStateStore(ApiRequestsPipeline.WATERMARK_STORE);
        this.lowWatermark = new LowWatermark(watermarks, source, context);
        // restored state may already allow closing, before any new watermark
        context.schedule(closeCheckPeriod, PunctuationType.WALL_CLOCK_TIME, now -> closeWindows());
    }

    @Override
    public void process(Record<String, StreamMessage<ApiRequest>> record) {
        if (record.value() instanceof StreamMessage.Event<ApiRequest> event) {
            add(record.key(), event.event());
        } else if (record.value() instanceof StreamMessage.Watermark<ApiRequest> watermark) {
            lowWatermark.observe(watermark);
            closeWindows();
        }
    }

    private void add(String customerId, ApiRequest request) {
        long dayStart = request.timestamp() - Math.floorMod(request.timestamp(), DAY_MS);
        CustomerDayAggregate day = days.fetch(customerId, dayStart);
        if (day == null) {
            day = new CustomerDayAggregate();
        }
        day.add(request, dayStart);
        days.put(customerId, day, dayStart);
        if (dayStart + DAY_MS <= lowWatermark.closedUpTo()) {
            context.forward(new Record<>(customerId, day.toRow(customerId, dayStart), dayStart + DAY_MS - 1));
        }
    }

    private void closeWindows() {
        var low = lowWatermark.current();
        if (low.isEmpty()) {
            return;
        }
        long closeUpTo = low.getAsLong() - graceMs;
        long closedUpTo = lowWatermark.closedUpTo();
        if (closeUpTo <= closedUpTo) {
            return;
        }
        // days whose end e satisfies closedUpTo < e <= closeUpTo
        long firstStart = closedUpTo == Long.MIN_VALUE ? 0 : Math.max(0, closedUpTo - DAY_MS + 1);
        long lastStart = closeUpTo - DAY_MS;
        if (lastStart >= firstStart) {
            try (KeyValueIterator<Windowed<String>, CustomerDayAggregate> closing =
                         days.fetchAll(Instant.ofEpochMilli(firstStart), Instant.ofEpochMilli(lastStart))) {
                while (closing.hasNext()) {
                    KeyValue<Windowed<String>, CustomerDayAggregate> day = closing.next();
                    String customerId = day.key.key();
                    long dayStart = day.key.window().start();
                    context.forward(new Record<>(customerId, day.value.toRow(customerId, dayStart), dayStart + DAY_MS - 1));
                }
            }
        }
        lowWatermark.closeUpTo(closeUpTo);
    }
}
