package io.streamlytics.topology.time;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contract section 4: the minimum over every input partition, those not heard from included; idleness only as declared at the source. */
class LowWatermarkTest {
    private KeyValueStore<String, Long> store;

    @BeforeEach
    void store() {
        var context = new MockProcessorContext<>();
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watermarks"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
    }

    private static StreamMessage.Watermark<Object> active(int partition, long time) {
        return new StreamMessage.Watermark<>(partition, time, false);
    }

    private static StreamMessage.Watermark<Object> idle(int partition, long time) {
        return new StreamMessage.Watermark<>(partition, time, true);
    }

    @Test
    void aPartitionNotHeardFromYetHoldsEverything() {
        LowWatermark low = new LowWatermark(store, 3);
        low.observe(active(0, 500));
        low.observe(active(2, 900));
        assertEquals(OptionalLong.empty(), low.current(), "partition 1 has not spoken: nothing may close");
        low.observe(active(1, 700));
        assertEquals(OptionalLong.of(500), low.current());
    }

    @Test
    void aPartitionWithoutEventsHoldsUntilItDeclaresItselfIdle() {
        LowWatermark low = new LowWatermark(store, 2);
        low.observe(active(0, 500));
        low.observe(active(1, Long.MIN_VALUE));
        assertEquals(OptionalLong.empty(), low.current());
        low.observe(idle(1, Long.MIN_VALUE));
        assertEquals(OptionalLong.of(500), low.current());
    }

    @Test
    void anIdlePartitionIsLeftOutUntilItsNextWatermark() {
        LowWatermark low = new LowWatermark(store, 2);
        low.observe(active(0, 1_000));
        low.observe(idle(1, 200));
        assertEquals(OptionalLong.of(1_000), low.current());
        low.observe(active(1, 300));
        assertEquals(OptionalLong.of(300), low.current(), "back from idle, it holds again");
    }

    @Test
    void whenAllAreIdleTheNewestCounts() {
        LowWatermark low = new LowWatermark(store, 2);
        low.observe(idle(0, 1_000));
        low.observe(idle(1, 200));
        assertEquals(OptionalLong.of(1_000), low.current());
    }

    @Test
    void aRestartedTaskCarriesOnFromItsStore() {
        LowWatermark before = new LowWatermark(store, 3);
        before.observe(active(0, 500));
        before.observe(idle(1, 100));
        before.observe(active(2, 800));
        before.closeUpTo(400);

        LowWatermark after = new LowWatermark(store, 3);
        assertEquals(OptionalLong.of(500), after.current());
        assertEquals(400, after.closedUpTo());
        assertEquals(OptionalLong.empty(), new LowWatermark(store, 4).current(), "a fourth partition added since is waited for");
    }
}
