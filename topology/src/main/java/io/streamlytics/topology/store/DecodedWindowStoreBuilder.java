package io.streamlytics.topology.store;

import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;

import java.util.Map;

/** Builds a {@link DecodedWindowStore} over the store that {@code serializing} builds (logging, caching and all). */
public final class DecodedWindowStoreBuilder<K, V> implements StoreBuilder<WindowStore<K, V>> {
    /**
     * Aggregates held per store and task between commits. A commit (every 100 ms under exactly-once) usually
     * writes far fewer; the bound matters under at-least-once's 30 s commits, keeping a task's objects to
     * a few megabytes at a few kilobytes per sketch.
     */
    public static final int MAX_ENTRIES = 1_000;

    private final StoreBuilder<WindowStore<K, V>> serializing;

    public DecodedWindowStoreBuilder(StoreBuilder<WindowStore<K, V>> serializing) {
        this.serializing = serializing;
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withCachingEnabled() {
        serializing.withCachingEnabled();
        return this;
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withCachingDisabled() {
        serializing.withCachingDisabled();
        return this;
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        serializing.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<WindowStore<K, V>> withLoggingDisabled() {
        serializing.withLoggingDisabled();
        return this;
    }

    @Override
    public WindowStore<K, V> build() {
        return new DecodedWindowStore<>(serializing.build(), MAX_ENTRIES);
    }

    @Override
    public Map<String, String> logConfig() {
        return serializing.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return serializing.loggingEnabled();
    }

    @Override
    public String name() {
        return serializing.name();
    }
}
