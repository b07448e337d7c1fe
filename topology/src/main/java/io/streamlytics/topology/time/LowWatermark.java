package io.streamlytics.topology.time;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The event time up to which every input partition has progressed, as seen by one downstream task.
 * Watermarks are kept in a changelogged store; the wall-clock time of each partition's last advance
 * is kept in memory only, so after a restart every known partition counts as active again.
 *
 * <p>A partition whose watermark has not advanced for {@code idleTimeoutMs} of wall-clock time is
 * idle and left out of the minimum, so one quiet partition cannot hold every window open. When all
 * are idle the newest watermark counts: nothing is in flight.
 */
public final class LowWatermark {
    private static final String SOURCE_PREFIX = "source-";
    private static final String CLOSED_UP_TO = "closed-up-to";

    private final KeyValueStore<String, Long> store;
    private final long idleTimeoutMs;
    private final Map<Integer, Long> watermarks = new HashMap<>();
    private final Map<Integer, Long> lastAdvancedAt = new HashMap<>();
    private long closedUpTo;

    public LowWatermark(KeyValueStore<String, Long> store, long idleTimeoutMs, long nowMs) {
        this.store = store;
        this.idleTimeoutMs = idleTimeoutMs;
        try (KeyValueIterator<String, Long> all = store.prefixScan(SOURCE_PREFIX, new org.apache.kafka.common.serialization.StringSerializer())) {
            all.forEachRemaining(entry -> {
                int source = Integer.parseInt(entry.key.substring(SOURCE_PREFIX.length()));
                watermarks.put(source, entry.value);
                lastAdvancedAt.put(source, nowMs);
            });
        }
        Long closed = store.get(CLOSED_UP_TO);
        closedUpTo = closed == null ? Long.MIN_VALUE : closed;
    }

    public void observe(int sourcePartition, long streamTime, long nowMs) {
        Long known = watermarks.get(sourcePartition);
        if (known == null || streamTime > known) {
            watermarks.put(sourcePartition, streamTime);
            lastAdvancedAt.put(sourcePartition, nowMs);
            store.put(SOURCE_PREFIX + sourcePartition, streamTime);
        }
    }

    public OptionalLong current(long nowMs) {
        long minActive = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (var entry : watermarks.entrySet()) {
            max = Math.max(max, entry.getValue());
            if (nowMs - lastAdvancedAt.get(entry.getKey()) < idleTimeoutMs) {
                minActive = Math.min(minActive, entry.getValue());
            }
        }
        if (watermarks.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(minActive == Long.MAX_VALUE ? max : minActive);
    }

    /** Windows ending at or before this time have been closed and their final results sent. */
    public long closedUpTo() {
        return closedUpTo;
    }

    public void closeUpTo(long time) {
        closedUpTo = time;
        store.put(CLOSED_UP_TO, time);
    }
}
