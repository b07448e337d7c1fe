package io.streamlytics.topology.retention;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Bounds a key-value store that gains a key per app, endpoint or user: on stream time (event time, so a
 * backfill expires exactly as live data would), entries whose last activity is older than the retention
 * are removed. Window stores need none of this; their segments expire by themselves.
 */
public final class IdleEntryCleanup<V> {
    private static final Duration LONGEST_PERIOD = Duration.ofDays(1);

    /** When a key was last active, in event time; may record a first sighting as a side effect. */
    @FunctionalInterface
    public interface LastActivity<V> {
        long of(String key, V value, long streamTimeMs);
    }

    private final KeyValueStore<String, V> store;
    private final long retentionMs;
    private final LastActivity<V> lastActivity;
    private final Consumer<String> onRemove;

    public IdleEntryCleanup(KeyValueStore<String, V> store, Duration retention, LastActivity<V> lastActivity, Consumer<String> onRemove) {
        this.store = store;
        this.retentionMs = retention.toMillis();
        this.lastActivity = lastActivity;
        this.onRemove = onRemove;
    }

    /** Scans a quarter of the retention apart, at most daily: an idle entry outlives the retention by at most that. */
    public static Duration period(Duration retention) {
        Duration quarter = retention.dividedBy(4);
        return quarter.compareTo(LONGEST_PERIOD) < 0 ? quarter : LONGEST_PERIOD;
    }

    private long lastRunAt = Long.MIN_VALUE;

    /**
     * For a store downstream of a repartition: runs {@link #removeIdle} on the low watermark, at most once
     * a period of it, instead of on the task's stream time, which is the fastest upstream partition's.
     */
    public void onLowWatermark(long lowWatermark) {
        if (lastRunAt == Long.MIN_VALUE || lowWatermark - lastRunAt >= period(Duration.ofMillis(retentionMs)).toMillis()) {
            lastRunAt = lowWatermark;
            removeIdle(lowWatermark);
        }
    }

    public void scheduleOn(ProcessorContext<?, ?> context) {
        context.schedule(period(Duration.ofMillis(retentionMs)), PunctuationType.STREAM_TIME, this::removeIdle);
    }

    /** Removes every entry idle for longer than the retention at {@code streamTimeMs}; returns how many. */
    public int removeIdle(long streamTimeMs) {
        long cutoff = streamTimeMs - retentionMs;
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, V> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<String, V> entry = entries.next();
                if (lastActivity.of(entry.key, entry.value, streamTimeMs) < cutoff) {
                    idle.add(entry.key);
                }
            }
        }
        for (String key : idle) {
            store.delete(key);
            onRemove.accept(key);
        }
        return idle.size();
    }
}
