package io.streamlytics.topology.store;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.internals.WindowStoreBuilder;

/**
 * Builds a {@link DecodedWindowStore} over the store Kafka Streams' own window store builder makes
 * (metered, cached, logged). It extends that builder, not just its interface, because Kafka Streams
 * recognises a window store's changelog (compacted and deleted after the retention) by the builder's class.
 * Checked against Kafka Streams 4.4.0, where {@code StoreBuilderWrapper} tests {@code instanceof WindowStoreBuilder};
 * {@code DecodedWindowStoreIntegrationTest} (app) fails if the changelog Kafka Streams creates loses that policy.
 */
public final class DecodedWindowStoreBuilder<K, V> extends WindowStoreBuilder<K, V> {
    /**
     * Aggregates held per store and task between commits. A commit (every 100 ms under exactly-once) usually
     * writes far fewer; the bound matters under at-least-once's 30 s commits, keeping a task's objects to
     * a few megabytes at a few kilobytes per sketch.
     */
    private static final int MAX_ENTRIES = 1_000;

    public DecodedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier, keySerde, valueSerde, Time.SYSTEM);
    }

    @Override
    public WindowStore<K, V> build() {
        return new DecodedWindowStore<>(super.build(), MAX_ENTRIES);
    }
}
