package io.streamlytics.topology.dedup;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The de-duplication stage's two stores, in memory and unlogged, registered on a mock context as "seen" and "watermarks". */
final class DedupTestStores {
    private DedupTestStores() {
    }

    /** @return the seen ids' store */
    static KeyValueStore<Bytes, byte[]> register(MockProcessorContext<?, ?> context) {
        KeyValueStore<Bytes, byte[]> seen = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("seen"), Serdes.Bytes(),
                Serdes.ByteArray()).withLoggingDisabled().build();
        seen.init(context.getStateStoreContext(), seen);
        context.addStateStore(seen);
        KeyValueStore<String, Long> watermarks = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watermarks"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        watermarks.init(context.getStateStoreContext(), watermarks);
        context.addStateStore(watermarks);
        return seen;
    }
}
