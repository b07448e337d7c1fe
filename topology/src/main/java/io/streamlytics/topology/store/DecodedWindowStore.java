package io.streamlytics.topology.store;

import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A window store that keeps the aggregates written since the last commit as objects, above the
 * serializing store it wraps. An aggregate rewritten by every event (a DDSketch per customer day or
 * endpoint window) is then decoded once when first read and encoded once per commit, instead of both
 * per event: Kafka Streams' own record cache holds bytes.
 *
 * <p>The objects are written to the wrapped store when Kafka Streams flushes caches before every commit
 * (so the changelog and the commit stay as exactly-once as without this layer), before any range read
 * (which the wrapped store answers), and whenever more than {@code maxEntries} are held. A dirty close
 * or a task recycle drops them, as Kafka Streams drops its own cache. Interactive queries are answered by
 * the wrapped store and see what was committed, as they do below Kafka Streams' own cache.
 *
 * <p>It is a {@link WrappedStateStore} because that is how Kafka Streams finds a store's cache to flush
 * before a commit; the Processor API has no public hook for that ({@link StateStore#commit} runs once the
 * transaction has committed, too late for the changelog). Checked against Kafka Streams 4.4.0, where a task's
 * {@code prepareCommit} flushes every registered store that is an internal {@code CachedStateStore}, as a
 * {@code WrappedStateStore} is. {@code DecodedWindowStoreIntegrationTest} (app) fails if that stops: it reads
 * an aggregate written between commits from the changelog, read_committed, once its input offsets are committed.
 */
public final class DecodedWindowStore<K, V> extends WrappedStateStore<WindowStore<K, V>, K, V> implements WindowStore<K, V> {
    private final int maxEntries;
    private final Map<WindowKey<K>, V> unwritten = new HashMap<>();

    private record WindowKey<K>(K key, long windowStart) {
    }

    public DecodedWindowStore(WindowStore<K, V> serializing, int maxEntries) {
        super(serializing);
        this.maxEntries = maxEntries;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        unwritten.clear();
        super.init(context, root);
    }

    @Override
    public void put(K key, V value, long windowStartTimestamp) {
        if (value == null) {
            // a delete goes through at once: a held null could not be told from nothing held
            unwritten.remove(new WindowKey<>(key, windowStartTimestamp));
            wrapped().put(key, null, windowStartTimestamp);
            return;
        }
        unwritten.put(new WindowKey<>(key, windowStartTimestamp), value);
        if (unwritten.size() > maxEntries) {
            writeUnwritten();
        }
    }

    @Override
    public V fetch(K key, long time) {
        V held = unwritten.get(new WindowKey<>(key, time));
        return held != null ? held : wrapped().fetch(key, time);
    }

    @Override
    public void flushCache() {
        writeUnwritten();
        super.flushCache();
    }

    @Override
    public void clearCache() {
        unwritten.clear();
        super.clearCache();
    }

    @Override
    public void close() {
        unwritten.clear();
        super.close();
    }

    private void writeUnwritten() {
        unwritten.forEach((window, value) -> wrapped().put(window.key(), value, window.windowStart()));
        unwritten.clear();
    }

    /** Writes down the windows starting in {@code [timeFrom, timeTo]}: a narrow read leaves the rest decoded. */
    private void writeUnwritten(long timeFrom, long timeTo) {
        var entries = unwritten.entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            long start = entry.getKey().windowStart();
            if (start >= timeFrom && start <= timeTo) {
                wrapped().put(entry.getKey().key(), entry.getValue(), start);
                entries.remove();
            }
        }
    }

    // Range reads: the wrapped store answers them once it holds every window of the range. The
    // Instant-based ones are WindowStore's defaults, which call these.

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        writeUnwritten(timeFrom, timeTo);
        return wrapped().fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        writeUnwritten(timeFrom, timeTo);
        return wrapped().backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        writeUnwritten(timeFrom, timeTo);
        return wrapped().fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K keyFrom, K keyTo, long timeFrom, long timeTo) {
        writeUnwritten(timeFrom, timeTo);
        return wrapped().backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        writeUnwritten(timeFrom, timeTo);
        return wrapped().fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        writeUnwritten(timeFrom, timeTo);
        return wrapped().backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        writeUnwritten();
        return wrapped().all();
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        writeUnwritten();
        return wrapped().backwardAll();
    }
}
