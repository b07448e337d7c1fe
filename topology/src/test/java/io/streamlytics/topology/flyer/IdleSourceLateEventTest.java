package io.streamlytics.topology.flyer;

import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.UserEvent;
import io.streamlytics.topology.flyer.FlyerStoreKeys.EventKeySerde;
import io.streamlytics.topology.flyer.FlyerStoreKeys.SettleKeySerde;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The per-user stage on its own, fed watermarks by hand. An input partition that was idle, and so
 * left out of the low watermark, may come back behind the others with an event that the settled
 * pairing of its flyer can no longer take: it goes to late-events instead of changing what was settled.
 */
class IdleSourceLateEventTest {
    private static final Instant T = Instant.parse("2024-09-03T00:00:00Z");
    private final MockProcessorContext<String, FlyerOutput> context = new MockProcessorContext<>();
    private final FlyerSessionsProcessor processor = new FlyerSessionsProcessor(Duration.ofHours(1), Duration.ofHours(4),
            WatermarkSource.allCaughtUp("user-events", 2), Duration.ofSeconds(1), Duration.ofDays(30));

    @BeforeEach
    void init() {
        store(FlyerPipeline.USER_TIME_STORE, Serdes.String(), new UserTotalsSerde());
        store(FlyerPipeline.EVENTS_STORE, new EventKeySerde(), Serdes.ByteArray());
        store(FlyerPipeline.SETTLE_QUEUE_STORE, new SettleKeySerde(), Serdes.ByteArray());
        store(FlyerPipeline.WATERMARK_STORE, Serdes.String(), Serdes.Long());
        context.setCurrentSystemTimeMs(T.plus(Duration.ofDays(100)).toEpochMilli());
        processor.init(context);
    }

    private <K, V> void store(String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
    }

    private void watermark(int partition, Duration sinceT, boolean idle) {
        long time = T.plus(sinceT).toEpochMilli();
        processor.process(new Record<>("watermark-" + partition, new StreamMessage.Watermark<>(partition, time, idle), time));
    }

    private void open(Duration sinceT) {
        long time = T.plus(sinceT).toEpochMilli();
        processor.process(new Record<>("u1", new StreamMessage.Event<>(new UserEvent(time, "u1", "flyer_open", "f1", "m1"), time), time));
    }

    @Test
    void anEventThatCouldPairWithSettledOnesIsLateAndLaterOnesCount() {
        watermark(0, Duration.ofHours(10), false);
        watermark(1, Duration.ofHours(2), true);
        // partition 1 is idle, so every event to come counts as after 10h - 1h grace: one before 9h could change a settled
        // pairing, and partition 1, back from idle, may send one
        watermark(1, Duration.ofHours(2), false);
        open(Duration.ofHours(9).minusMillis(1));
        open(Duration.ofHours(9));

        List<FlyerOutput> forwarded = context.forwarded().stream().map(f -> (FlyerOutput) f.record().value()).toList();
        FlyerOutput.Late late = assertInstanceOf(FlyerOutput.Late.class, forwarded.get(0));
        assertEquals(new UserEvent(T.plus(Duration.ofHours(9)).toEpochMilli() - 1, "u1", "flyer_open", "f1", "m1").toJson(), late.json());
        assertEquals("late-flyer", ErrorHeaders.read(context.forwarded().get(0).record().headers(), ErrorHeaders.EXCEPTION));
        assertInstanceOf(FlyerOutput.MerchantChange.class, forwarded.get(1), "the later open counts for its merchant");
        assertEquals(new UserFlyerTime("u1", 0, 0, 0, 0, 0), ((FlyerOutput.UserTime) forwarded.get(2)).row());
    }
}
