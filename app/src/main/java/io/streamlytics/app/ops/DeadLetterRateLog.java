package io.streamlytics.app.ops;

import io.streamlytics.topology.quality.QualityKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A line a minute, only when some events were dead-lettered (at ingest or in the topology) in that
 * minute: how many, by topic and reason. Reads this instance's quality counters, so each instance
 * reports the share it counts; {@code /quality} has the totals.
 */
public final class DeadLetterRateLog implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRateLog.class);
    private static final String[] KINDS = {QualityKind.REJECTED.label(), QualityKind.DEAD_LETTERED.label()};

    private final Supplier<Map<String, Long>> localCounts;
    private Map<String, Long> last;

    /** @param localCounts this instance's quality counters, "kind|topic|reason" → count */
    public DeadLetterRateLog(Supplier<Map<String, Long>> localCounts) {
        this.localCounts = localCounts;
    }

    @Override
    public void run() {
        try {
            tick().ifPresent(LOG::info);
        } catch (RuntimeException notRunning) {
            // streams not running (rebalancing, restoring, stopping): this minute is counted in the next reading
        }
    }

    /** The line for the time since the previous reading, if anything was dead-lettered in it. */
    Optional<String> tick() {
        Map<String, Long> now = localCounts.get();
        Map<String, Long> previous = last;
        last = now;
        if (previous == null) {
            return Optional.empty(); // the first reading is the baseline, not a minute's worth
        }
        Map<String, Long> delta = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> count : now.entrySet()) {
            String[] parts = count.getKey().split("\\|", 3);
            long added = count.getValue() - previous.getOrDefault(count.getKey(), 0L);
            if (added > 0 && (parts[0].equals(KINDS[0]) || parts[0].equals(KINDS[1]))) {
                delta.merge(parts[1] + " " + parts[2], added, Long::sum);
                total += added;
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        StringBuilder line = new StringBuilder("Dead-lettered in the last minute: ").append(total).append(" (");
        delta.forEach((topicReason, n) -> line.append(topicReason).append(' ').append(n).append(", "));
        line.setLength(line.length() - 2);
        return Optional.of(line.append(')').toString());
    }
}
