package io.streamlytics.app.ops;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One line when a store partition starts restoring from its changelog, a progress line at most
 * every {@link #PROGRESS_EVERY} while it goes on, and one when it is done: while stores restore,
 * queries for their keys answer 503, so operators want to see how far along it is.
 */
public final class RestoreProgressLog implements StateRestoreListener {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    /**
     * Fewer records restore in milliseconds, and every store partition "restores" a few at each
     * start (under exactly-once a clean stop leaves a transaction marker past the checkpoint): no lines.
     */
    static final long WORTH_A_LINE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RestoreProgressLog.class);

    private record Restore(long toRestore, long startedAt, long restored, long shownAt) {
    }

    private final Map<String, Restore> running = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final Consumer<String> log;

    public RestoreProgressLog() {
        this(System::nanoTime, LOG::info);
    }

    RestoreProgressLog(LongSupplier nanoClock, Consumer<String> log) {
        this.nanoClock = nanoClock;
        this.log = log;
    }

    @Override
    public void onRestoreStart(TopicPartition partition, String store, long startingOffset, long endingOffset) {
        long now = nanoClock.getAsLong();
        long toRestore = Math.max(0, endingOffset - startingOffset);
        running.put(key(store, partition), new Restore(toRestore, now, 0, now));
        if (toRestore < WORTH_A_LINE) {
            return;
        }
        log.accept(String.format("Restoring store %s partition %d: %,d changelog records", store, partition.partition(), toRestore));
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        long now = nanoClock.getAsLong();
        Restore restore = running.computeIfPresent(key(store, partition), (k, r) -> new Restore(r.toRestore(), r.startedAt(),
                r.restored() + numRestored, r.shownAt()));
        if (restore != null && restore.toRestore() >= WORTH_A_LINE && now - restore.shownAt() >= PROGRESS_EVERY.toNanos()) {
            running.put(key(store, partition), new Restore(restore.toRestore(), restore.startedAt(), restore.restored(), now));
            long percent = restore.toRestore() == 0 ? 100 : Math.min(100, 100 * restore.restored() / restore.toRestore());
            log.accept(String.format("Restoring store %s partition %d: %d%% (%,d of %,d records)", store, partition.partition(),
                    percent, restore.restored(), restore.toRestore()));
        }
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
        Restore restore = running.remove(key(store, partition));
        if (restore != null && restore.toRestore() < WORTH_A_LINE) {
            return;
        }
        double seconds = restore == null ? 0 : (nanoClock.getAsLong() - restore.startedAt()) / 1e9;
        log.accept(String.format("Restored store %s partition %d: %,d records in %.1f s", store, partition.partition(),
                totalRestored, seconds));
    }

    @Override
    public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
        Restore restore = running.remove(key(store, partition));
        if (restore != null && restore.toRestore() < WORTH_A_LINE) {
            return;
        }
        log.accept(String.format("Restoring store %s partition %d suspended after %,d records (the partition moved to another instance)",
                store, partition.partition(), totalRestored));
    }

    private static String key(String store, TopicPartition partition) {
        return store + "/" + partition;
    }
}
