package io.streamlytics.topology.admission;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/** The store an admission processor keeps its stream time in, for tests that run it on a {@link MockProcessorContext}. */
final class AdmissionTestStores {
    private AdmissionTestStores() {
    }

    /** Adds an in-memory "stream-time" store, the name the tests' rules give. */
    static void addStreamTimeStore(MockProcessorContext<?, ?> context) {
        KeyValueStore<String, Long> streamTime = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("stream-time"),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        streamTime.init(context.getStateStoreContext(), streamTime);
        context.addStateStore(streamTime);
    }
}
