package io.streamlytics.app.ops;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RestoreProgressLogTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-customer-daily-stats-changelog", 2);
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong nanos = new AtomicLong();
    private final RestoreProgressLog log = new RestoreProgressLog(nanos::get, lines::add);

    @Test
    void startProgressAtMostEveryTenSecondsAndEnd() {
        log.onRestoreStart(CHANGELOG, "daily", 1000, 101_000);
        for (int batch = 0; batch < 25; batch++) {
            nanos.addAndGet(1_000_000_000L);
            log.onBatchRestored(CHANGELOG, "daily", 0, 4000);
        }
        log.onRestoreEnd(CHANGELOG, "daily", 100_000);
        assertEquals(List.of(
                "Restoring store daily partition 2: 100,000 changelog records",
                "Restoring store daily partition 2: 40% (40,000 of 100,000 records)",
                "Restoring store daily partition 2: 80% (80,000 of 100,000 records)",
                "Restored store daily partition 2: 100,000 records in 25.0 s"), lines);
    }

    @Test
    void aSuspendedRestoreSaysWhy() {
        log.onRestoreStart(CHANGELOG, "daily", 0, 5000);
        log.onRestoreSuspended(CHANGELOG, "daily", 4000);
        assertEquals("Restoring store daily partition 2 suspended after 4,000 records (the partition moved to another instance)", lines.get(1));
    }

    @Test
    void aFewRecordsAreNotWorthALine() {
        log.onRestoreStart(CHANGELOG, "daily", 500, 501);
        log.onBatchRestored(CHANGELOG, "daily", 501, 0);
        log.onRestoreEnd(CHANGELOG, "daily", 0);
        log.onRestoreStart(CHANGELOG, "daily", 0, RestoreProgressLog.WORTH_A_LINE - 1);
        nanos.addAndGet(60_000_000_000L);
        log.onBatchRestored(CHANGELOG, "daily", 998, 998);
        log.onRestoreEnd(CHANGELOG, "daily", 998);
        assertEquals(List.of(), lines);
    }
}
