package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.TimeWindow;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The endpoint stage on its own, fed by two input partitions four days apart in event time, as in a
 * burst backfill: the 1-minute window store (kept two days of its task's stream time) would hide the
 * slow partition's minutes before the low watermark closes them; they are held and sent in full.
 */
class SkewedPartitionsMinutesTest {
    private static final Instant DAY_1 = Instant.parse("2024-09-01T10:00:00Z");
    private static final Instant DAY_5 = DAY_1.plus(Duration.ofDays(4));
    private final MockProcessorContext<String, EndpointOutput> context = new MockProcessorContext<>();
    private final EndpointMetricsProcessor processor = new EndpointMetricsProcessor(Duration.ofHours(1), WatermarkSource.allCaughtUp("api-requests", 2), Duration.ofSeconds(1),
            EndpointMetricsPipeline.MAX_MINUTE_RETENTION);

    @BeforeEach
    void init() {
        for (TimeWindow window : TimeWindow.values()) {
            Duration retention = window == TimeWindow.ONE_MINUTE ? EndpointMetricsPipeline.MAX_MINUTE_RETENTION : Duration.ofDays(30);
            add(Stores.windowStoreBuilder(Stores.inMemoryWindowStore(EndpointMetricsPipeline.store(window), retention, window.size(), false),
                    Serdes.String(), new EndpointWindowAggregateSerde()));
        }
        add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EndpointMetricsPipeline.WATERMARK_STORE), Serdes.String(), Serdes.Long()));
        add(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(EndpointMetricsPipeline.HELD_MINUTES_STORE), Serdes.Bytes(), Serdes.ByteArray()));
        context.setCurrentSystemTimeMs(DAY_5.toEpochMilli());
        context.setCurrentStreamTimeMs(0);
        processor.init(context);
    }

    private void add(StoreBuilder<?> builder) {
        var store = builder.withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private void request(Instant time, Instant taskStreamTime) {
        context.setCurrentStreamTimeMs(taskStreamTime.toEpochMilli());
        var request = new ApiRequest(time.toEpochMilli(), "c", "GET", "/a", 200, 5.0, null);
        processor.process(new Record<>("c", new StreamMessage.Event<>(request, time.toEpochMilli()), time.toEpochMilli()));
    }

    private void watermark(int partition, Instant time) {
        context.setCurrentStreamTimeMs(Math.max(context.currentStreamTimeMs(), time.toEpochMilli()));
        processor.process(new Record<>("watermark-" + partition, new StreamMessage.Watermark<>(partition, time.toEpochMilli()),
                time.toEpochMilli()));
    }

    private List<Long> sentCountsOf(Instant minute) {
        return context.forwarded().stream().map(forward -> forward.record().value())
                .filter(value -> value instanceof EndpointOutput.ToMerge toMerge && toMerge.message() instanceof StreamMessage.Event<?>)
                .map(value -> ((StreamMessage.Event<EndpointPartial>) ((EndpointOutput.ToMerge) value).message()).event())
                .filter(partial -> partial.windowStart() == minute.toEpochMilli())
                .map(partial -> partial.aggregate().count()).toList();
    }

    @Test
    void aSlowPartitionsMinuteIsSentWhole() {
        watermark(0, DAY_5);
        watermark(1, DAY_1);
        request(DAY_5, DAY_5);
        request(DAY_1, DAY_5);
        request(DAY_1.plusSeconds(10), DAY_5);

        watermark(1, DAY_5);

        assertEquals(List.of(2L), sentCountsOf(DAY_1));
    }

    @Test
    void aMinuteAboutToBeHiddenBeforeItClosesIsMovedWithItsEvents() {
        watermark(0, DAY_1);
        watermark(1, DAY_1);
        request(DAY_1, DAY_1);
        // partition 0 races ahead; partition 1 still holds the minute of DAY_1 open
        watermark(0, DAY_5);
        request(DAY_5, DAY_5);
        request(DAY_1.plusSeconds(20), DAY_5);

        watermark(1, DAY_5);

        assertEquals(List.of(2L), sentCountsOf(DAY_1));
    }
}
