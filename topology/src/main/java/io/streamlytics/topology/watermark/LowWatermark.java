package io.streamlytics.topology.watermark;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The event time up to which every input partition has progressed, as seen by one downstream task:
 * the minimum over all partitions of the input topic, those not heard from yet included, so nothing
 * closes before every partition has spoken. A partition is left out only while its own admission task
 * declares it idle (caught up and silent), and only up to what a lag reading taken after this task saw
 * that value proves: an idle partition may have received records since it said so, which its admission
 * task has not read yet (a burst into an idle topic), and its active watermark may be on its way here.
 * When all are idle the newest watermark counts, on the same proof. Watermarks and idleness are kept in a
 * changelogged store, so a restart or a moved task carries on where it was; proofs are taken again.
 */
public final class LowWatermark {
    private static final String SOURCE_PREFIX = "source-";
    private static final String IDLE_PREFIX = "idle-";
    private static final String CLOSED_UP_TO = "closed-up-to";
    private static final StringSerializer KEYS = new StringSerializer();

    /** Values waiting for proof; beyond this the oldest is dropped, and a newer one proves it, later. */
    private static final int MAX_PENDING = 32;

    private final KeyValueStore<String, Long> store;
    private final WatermarkSource source;
    private final ProcessingContext context;
    private final int sourcePartitions;
    private final Map<Integer, Long> watermarks = new HashMap<>();
    private final Set<Integer> idle = new HashSet<>();
    /** Values that pass idle partitions, with the wall-clock time this task first computed them, oldest first. */
    private final Deque<long[]> pending = new ArrayDeque<>();
    private long proven = Long.MIN_VALUE;
    private String downstreamTopic;
    private long closedUpTo;

    /** @param source the input topic, each of whose partitions is waited for */
    public LowWatermark(KeyValueStore<String, Long> store, WatermarkSource source, ProcessingContext context) {
        int sourcePartitions = source.partitions();
        if (sourcePartitions < 1) {
            throw new IllegalArgumentException("an input topic has at least one partition, got " + sourcePartitions);
        }
        this.store = store;
        this.source = source;
        this.context = context;
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
        context.recordMetadata().ifPresent(metadata -> downstreamTopic = metadata.topic());
        int source = watermark.sourcePartition();
        Long known = watermarks.get(source);
        if (known == null || watermark.streamTime() > known) {
            watermarks.put(source, watermark.streamTime());
            store.put(SOURCE_PREFIX + source, watermark.streamTime());
        }
        if (watermark.idle() && idle.add(source)) {
            store.put(IDLE_PREFIX + source, 1L);
            forgetProofs();
        } else if (!watermark.idle() && idle.remove(source)) {
            store.delete(IDLE_PREFIX + source);
            forgetProofs();
        }
    }

    /** A proof holds for the idle partitions it was taken for. */
    private void forgetProofs() {
        pending.clear();
        proven = Long.MIN_VALUE;
    }

    /**
     * The minimum over the partitions that are not idle, passing idle ones only as far as a lag reading proves; empty
     * while a partition has not been heard from or has no event yet, and nothing is proven.
     */
    public OptionalLong current() {
        OptionalLong unproven = passingIdle();
        if (unproven.isEmpty() || idle.isEmpty()) {
            return unproven;
        }
        long candidate = unproven.getAsLong();
        long heldByIdle = Long.MAX_VALUE;
        for (int partition : idle) {
            heldByIdle = Math.min(heldByIdle, watermarks.get(partition));
        }
        if (candidate <= heldByIdle) {
            return unproven;
        }
        long now = context.currentSystemTimeMs();
        if (pending.isEmpty() || candidate > pending.peekLast()[0]) {
            if (pending.size() == MAX_PENDING) {
                pending.pollFirst();
            }
            pending.addLast(new long[] {candidate, now});
        }
        long provenAt = source.idleProvenAt(Collections.unmodifiableSet(idle), downstreamTopic, context.taskId().partition());
        while (!pending.isEmpty() && pending.peekFirst()[1] <= provenAt) {
            proven = Math.max(proven, pending.pollFirst()[0]);
        }
        long low = Math.min(candidate, Math.max(heldByIdle, proven));
        return low == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(low);
    }

    private OptionalLong passingIdle() {
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
