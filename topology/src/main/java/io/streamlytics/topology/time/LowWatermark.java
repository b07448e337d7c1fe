package io.streamlytics.topology.time;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The event time up to which every input partition has progressed, as seen by one downstream task:
 * the minimum over all partitions of the input topic, those not heard from yet included, so nothing
 * closes before every partition has spoken. A partition is left out only while its own admission task
 * declares it idle (caught up and silent); when all are idle the newest watermark counts, since
 * nothing is in flight. Watermarks and idleness are kept in a changelogged store, so a restart or a
 * moved task carries on where it was.
 */
public final class LowWatermark {
    private static final String SOURCE_PREFIX = "source-";
    private static final String IDLE_PREFIX = "idle-";
    private static final String CLOSED_UP_TO = "closed-up-to";
    private static final StringSerializer KEYS = new StringSerializer();

    private final KeyValueStore<String, Long> store;
    private final int sourcePartitions;
    private final Map<Integer, Long> watermarks = new HashMap<>();
    private final Set<Integer> idle = new HashSet<>();
    private long closedUpTo;

    /** @param sourcePartitions how many partitions the input topic has: each one is waited for */
    public LowWatermark(KeyValueStore<String, Long> store, int sourcePartitions) {
        if (sourcePartitions < 1) {
            throw new IllegalArgumentException("an input topic has at least one partition, got " + sourcePartitions);
        }
        this.store = store;
        this.sourcePartitions = sourcePartitions;
        try (KeyValueIterator<String, Long> all = store.prefixScan(SOURCE_PREFIX, KEYS)) {
            all.forEachRemaining(entry -> watermarks.put(Integer.parseInt(entry.key.substring(SOURCE_PREFIX.length())), entry.value));
        }
        try (KeyValueIterator<String, Long> all = store.prefixScan(IDLE_PREFIX, KEYS)) {
            all.forEachRemaining(entry -> idle.add(Integer.parseInt(entry.key.substring(IDLE_PREFIX.length()))));
        }
        Long closed = store.get(CLOSED_UP_TO);
        closedUpTo = closed == null ? Long.MIN_VALUE : closed;
    }

    public void observe(StreamMessage.Watermark<?> watermark) {
        int source = watermark.sourcePartition();
        Long known = watermarks.get(source);
        if (known == null || watermark.streamTime() > known) {
            watermarks.put(source, watermark.streamTime());
            store.put(SOURCE_PREFIX + source, watermark.streamTime());
        }
        if (watermark.idle() && idle.add(source)) {
            store.put(IDLE_PREFIX + source, 1L);
        } else if (!watermark.idle() && idle.remove(source)) {
            store.delete(IDLE_PREFIX + source);
        }
    }

    /** The minimum over the partitions that are not idle; empty while one of them has not been heard from or has no event yet. */
    public OptionalLong current() {
        long minActive = Long.MAX_VALUE;
        long newest = Long.MIN_VALUE;
        int partitions = Math.max(sourcePartitions, watermarks.keySet().stream().mapToInt(p -> p + 1).max().orElse(0));
        for (int partition = 0; partition < partitions; partition++) {
            Long watermark = watermarks.get(partition);
            if (idle.contains(partition)) {
                newest = Math.max(newest, watermark);
            } else if (watermark == null || watermark == Long.MIN_VALUE) {
                return OptionalLong.empty();
            } else {
                minActive = Math.min(minActive, watermark);
                newest = Math.max(newest, watermark);
            }
        }
        if (minActive != Long.MAX_VALUE) {
            return OptionalLong.of(minActive);
        }
        return newest == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(newest);
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
