package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestJson;
import io.streamlytics.topology.watermark.LowWatermark;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
import java.util.EnumMap;
import java.util.Map;

/**
 * Adds each request to its endpoint's 1-minute and 1-hour windows in this partition. The stream is
 * partitioned by customer, not endpoint, so a busy endpoint's traffic is spread over every partition
 * its customers are on; queries merge the partitions' partial windows. An event too late for a window
 * (its end plus grace had passed in its input partition) is left out of it and written to late-events.
 *
 * <p>Once the low watermark over all input partitions passes a minute's end plus grace, this
 * partition's partial of every endpoint in that minute goes to the merge stage, followed by a watermark
 * saying how far this partition has closed; a request that still lands in a closed minute (its input
 * partition had declared itself idle) re-sends that minute's partial as a correction.
 */
public final class EndpointMetricsProcessor implements Processor<String, StreamMessage<ApiRequest>, String, EndpointOutput> {
    private static final long MINUTE_MS = TimeWindow.ONE_MINUTE.size().toMillis();

    private final long graceMs;
    private final WatermarkSource source;
    private final Duration closeCheckPeriod;
    private final long minuteRetentionMs;
    private final Map<TimeWindow, WindowStore<String, EndpointWindowAggregate>> stores = new EnumMap<>(TimeWindow.class);
    private ProcessorContext<String, EndpointOutput> context;
    private LowWatermark lowWatermark;
    private HeldMinutes held;
    private boolean announced;

    /** @param minuteRetention how long the 1-minute window store keeps a window, counted from its task's stream time */
    public EndpointMetricsProcessor(Duration grace, WatermarkSource source, Duration closeCheckPeriod, Duration minuteRetention) {
        this.graceMs = grace.toMillis();
        this.source = source;
        this.closeCheckPeriod = closeCheckPeriod;
        this.minuteRetentionMs = minuteRetention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, EndpointOutput> context) {
        this.context = context;
        for (TimeWindow window : TimeWindow.values()) {
            stores.put(window, context.getStateStore(EndpointMetricsPipeline.store(window)));
        }
        lowWatermark = new LowWatermark(context.getStateStore(EndpointMetricsPipeline.WATERMARK_STORE), source, context);
        held = new HeldMinutes(context.getStateStore(EndpointMetricsPipeline.HELD_MINUTES_STORE));
        // a revived task (init() again on this object) announces itself again: the aborted announcement never arrived
        announced = false;
        context.schedule(closeCheckPeriod, PunctuationType.WALL_CLOCK_TIME, now -> closeMinutes());
    }

    @Override
    public void process(Record<String, StreamMessage<ApiRequest>> record) {
        // a put of this record may move the window store's time on: what it would hide unclosed moves first
        held.holdUpTo(TimeWindow.ONE_MINUTE.startOf(context.currentStreamTimeMs()) - minuteRetentionMs, lowWatermark.closedUpTo(),
                stores.get(TimeWindow.ONE_MINUTE));
        if (record.value() instanceof StreamMessage.Event<ApiRequest> event) {
            add(event);
        } else if (record.value() instanceof StreamMessage.Watermark<ApiRequest> watermark) {
            lowWatermark.observe(watermark);
            closeMinutes();
        }
    }

    private void add(StreamMessage.Event<ApiRequest> event) {
        ApiRequest request = event.event();
        String endpoint = request.endpoint();
        for (TimeWindow window : TimeWindow.values()) {
            long start = window.startOf(request.timestamp());
            long end = start + window.size().toMillis();
            if (event.lateFor(end, graceMs)) {
                reportLate(request, window, end, event.sourceStreamTime());
                continue;
            }
            WindowStore<String, EndpointWindowAggregate> store = stores.get(window);
            boolean isHeld = window == TimeWindow.ONE_MINUTE && held.holds(start);
            EndpointWindowAggregate aggregate = isHeld ? held.get(endpoint, start) : null;
            if (aggregate == null) {
                aggregate = store.fetch(endpoint, start);
            }
            if (aggregate == null) {
                aggregate = new EndpointWindowAggregate();
            }
            aggregate.add(request);
            if (isHeld) {
                held.put(endpoint, start, aggregate);
            } else {
                store.put(endpoint, aggregate, start);
            }
            if (window == TimeWindow.ONE_MINUTE && end <= lowWatermark.closedUpTo()) {
                sendPartial(endpoint, start, aggregate);
            }
        }
    }

    private void closeMinutes() {
        var low = lowWatermark.current();
        long closedUpTo = lowWatermark.closedUpTo();
        long closeUpTo = low.isEmpty() ? Long.MIN_VALUE : low.getAsLong() - graceMs;
        if (closeUpTo > closedUpTo) {
            sendClosingMinutes(closedUpTo, closeUpTo);
            lowWatermark.closeUpTo(closeUpTo);
            // kept as long as a live run keeps them, for corrections
            held.forgetBefore(closeUpTo - MINUTE_MS - minuteRetentionMs);
        } else if (announced) {
            return;
        }
        // also sent once at start, so the merge stage knows to wait for this partition before closing anything
        announced = true;
        int partition = context.taskId().partition();
        // the key only needs to be non-null; the partitioner sends watermarks to every partition
        context.forward(new Record<>("closed-" + partition, new EndpointOutput.ToMerge(
                new StreamMessage.Watermark<>(partition, lowWatermark.closedUpTo())), Math.max(0, lowWatermark.closedUpTo())));
    }

    /** Partials of the minutes whose end e satisfies closedUpTo < e <= closeUpTo. */
    private void sendClosingMinutes(long closedUpTo, long closeUpTo) {
        long firstStart = closedUpTo == Long.MIN_VALUE ? 0 : Math.max(0, closedUpTo - MINUTE_MS + 1);
        long lastStart = closeUpTo - MINUTE_MS;
        if (lastStart < firstStart) {
            return;
        }
        // held minutes are the older ones: per endpoint, minutes still go out oldest first
        for (HeldMinutes.HeldMinute minute : held.between(firstStart, lastStart)) {
            sendPartial(minute.endpoint(), minute.windowStart(), minute.aggregate());
        }
        long firstInStore = Math.max(firstStart, held.heldUpTo() == Long.MIN_VALUE ? firstStart : held.heldUpTo() + 1);
        if (lastStart < firstInStore) {
            return;
        }
        try (KeyValueIterator<Windowed<String>, EndpointWindowAggregate> closing = stores.get(TimeWindow.ONE_MINUTE)
                .fetchAll(Instant.ofEpochMilli(firstInStore), Instant.ofEpochMilli(lastStart))) {
            while (closing.hasNext()) {
                KeyValue<Windowed<String>, EndpointWindowAggregate> minute = closing.next();
                sendPartial(minute.key.key(), minute.key.window().start(), minute.value);
            }
        }
    }

    private void sendPartial(String endpoint, long windowStart, EndpointWindowAggregate aggregate) {
        var partial = new EndpointPartial(context.taskId().partition(), windowStart, aggregate);
        context.forward(new Record<>(endpoint, new EndpointOutput.ToMerge(new StreamMessage.Event<>(partial, windowStart)),
                windowStart + MINUTE_MS - 1));
    }

    private void reportLate(ApiRequest request, TimeWindow window, long windowEnd, long streamTime) {
        var headers = new RecordHeaders();
        ErrorHeaders.add(headers, source.topic(), "late-endpoint-" + window.label(), "event time " + Instant.ofEpochMilli(request.timestamp())
                + " is late for its " + window.label() + " endpoint window: it closed at "
                + Instant.ofEpochMilli(windowEnd + graceMs) + " and stream time is " + Instant.ofEpochMilli(streamTime)
                + " (still counted in the customer's day)");
        context.forward(new Record<>(request.customerId(), new EndpointOutput.Late(ApiRequestJson.write(request)),
                request.timestamp(), headers));
    }
}
