package io.streamlytics.topology.watermark;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contract section 4: the minimum over every input partition, those not heard from included; idleness only as declared at the source. */
class LowWatermarkTest {
    private static final String TOPIC = "api-requests";
    private static final String DOWNSTREAM = "app-api-requests-by-customer-repartition";

    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private KeyValueStore<String, Long> store;
    /** What the lag readings prove, as {@link SourceProgress#idleProvenAt} would answer */
    private long provenAt = Long.MIN_VALUE;
    private Set<Integer> askedFor;

    private final SourceProgress readings = new SourceProgress() {
        @Override
        public int partitions(String topic) {
            return 2;
        }

        @Override
        public boolean caughtUp(String topic, int partition) {
            throw new AssertionError("not asked downstream");
        }

        @Override
        public long idleProvenAt(String topic, Set<Integer> idlePartitions, String downstreamTopic, int downstreamPartition) {
            assertEquals(TOPIC, topic);
            assertEquals(DOWNSTREAM, downstreamTopic, "the downstream topic is the one the watermarks came from");
            askedFor = idlePartitions;
            return provenAt;
        }
    };

    private LowWatermark lowWatermark(int partitions) {
        return new LowWatermark(store, WatermarkSource.allCaughtUp(TOPIC, partitions), context);
    }

    private LowWatermark provenByReadings() {
        return new LowWatermark(store, new WatermarkSource(TOPIC, readings), context);
    }

    @BeforeEach
    void store() {
        context.setRecordMetadata(DOWNSTREAM, 0, 0);
        context.setCurrentSystemTimeMs(1_000);
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
        LowWatermark low = lowWatermark(3);
        low.observe(active(0, 500));
        low.observe(active(2, 900));
        assertEquals(OptionalLong.empty(), low.current(), "partition 1 has not spoken: nothing may close");
        low.observe(active(1, 700));
        assertEquals(OptionalLong.of(500), low.current());
    }

    @Test
    void aPartitionWithoutEventsHoldsUntilItDeclaresItselfIdle() {
        LowWatermark low = lowWatermark(2);
        low.observe(active(0, 500));
        low.observe(active(1, Long.MIN_VALUE));
        assertEquals(OptionalLong.empty(), low.current());
        low.observe(idle(1, Long.MIN_VALUE));
        assertEquals(OptionalLong.of(500), low.current());
    }

    @Test
    void anIdlePartitionIsLeftOutUntilItsNextWatermark() {
        LowWatermark low = lowWatermark(2);
        low.observe(active(0, 1_000));
        low.observe(idle(1, 200));
        assertEquals(OptionalLong.of(1_000), low.current());
        low.observe(active(1, 300));
        assertEquals(OptionalLong.of(300), low.current(), "back from idle, it holds again");
    }

    @Test
    void whenAllAreIdleTheNewestCounts() {
        LowWatermark low = lowWatermark(2);
        low.observe(idle(0, 1_000));
        low.observe(idle(1, 200));
        assertEquals(OptionalLong.of(1_000), low.current());
    }

    @Test
    void aRestartedTaskCarriesOnFromItsStore() {
        LowWatermark before = lowWatermark(3);
        before.observe(active(0, 500));
        before.observe(idle(1, 100));
        before.observe(active(2, 800));
        before.closeUpTo(400);

        LowWatermark after = lowWatermark(3);
        assertEquals(OptionalLong.of(500), after.current());
        assertEquals(400, after.closedUpTo());
        assertEquals(OptionalLong.empty(), lowWatermark(4).current(), "a fourth partition added since is waited for");
    }

    @Test
    void anIdlePartitionIsPassedOnlyUpToWhatAReadingTakenAfterwardsProves() {
        LowWatermark low = provenByReadings();
        context.setCurrentSystemTimeMs(10_000);
        low.observe(idle(1, Long.MIN_VALUE));
        low.observe(active(0, 500));
        assertEquals(OptionalLong.empty(), low.current(), "no reading yet: partition 1 may have records its task has not read");
        assertEquals(Set.of(1), askedFor);
        provenAt = 9_999;
        assertEquals(OptionalLong.empty(), low.current(), "a reading from before 500 was seen proves nothing about it");
        context.setCurrentSystemTimeMs(11_000);
        low.observe(active(0, 800));
        provenAt = 10_000;
        assertEquals(OptionalLong.of(500), low.current(), "500 was seen at 10,000 and is proven; 800, seen later, is not yet");
        provenAt = 11_000;
        assertEquals(OptionalLong.of(800), low.current());
    }

    @Test
    void aProofHoldsOnlyForTheIdlePartitionsItWasTakenFor() {
        LowWatermark low = provenByReadings();
        context.setCurrentSystemTimeMs(10_000);
        low.observe(active(0, 500));
        low.observe(idle(1, 100));
        low.current();
        provenAt = 10_000;
        assertEquals(OptionalLong.of(500), low.current());
        low.observe(active(1, 300));
        low.observe(idle(1, 300));
        provenAt = 9_000;
        assertEquals(OptionalLong.of(300), low.current(), "idle again: held at its last time until a new proof");
    }

    @Test
    void idlePartitionsBehindNothingNeedNoProof() {
        LowWatermark low = provenByReadings();
        low.observe(active(0, 500));
        low.observe(idle(1, 900));
        assertEquals(OptionalLong.of(500), low.current());
        assertEquals(null, askedFor, "no lag reading is needed to stay behind an idle partition");
    }
}
