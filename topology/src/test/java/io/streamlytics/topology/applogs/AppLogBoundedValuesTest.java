package io.streamlytics.topology.applogs;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.LogLevel;
import io.streamlytics.topology.support.AppLogsTestDriver;
import io.streamlytics.topology.support.AppLogsTestDriver.Line;
import io.streamlytics.topology.TimeWindow;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.header;
import static io.streamlytics.topology.support.AppLogsTestDriver.T0;
import static io.streamlytics.topology.support.AppLogsTestDriver.everything;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No stored value of the app-logs pipeline grows without bound, whatever arrives: a record over the producer's 1 MB
 * would stop the task that writes its changelog, on every instance in turn.
 */
class AppLogBoundedValuesTest {

    @Test
    void identicalLinesOfOneMillisecondFillTheirEntryAndTheRestGoToDeadLettersStillCounted() {
        String message = "x".repeat(60_000);
        int sent = 20;
        try (var driver = new AppLogsTestDriver()) {
            for (int i = 0; i < sent; i++) {
                driver.pipe(new Line(T0, "a", "s", LogLevel.ERROR, message));
            }
            int searchable = driver.searchAll(everything("a", 1000)).size();
            var deadLetters = driver.readDeadLetters();
            assertEquals(sent, searchable + deadLetters.size(), "every line kept or set aside with its reason");
            // 8 lines of 60,000 characters are 480 KB, under the 512 KiB a millisecond may hold; a 9th would pass it
            assertEquals(8, searchable);
            deadLetters.forEach(record -> assertEquals(LogSearchIndexer.FULL, header(record, ErrorHeaders.EXCEPTION)));
            assertTrue(header(deadLetters.get(0), ErrorHeaders.REASON).contains("not searchable"));
            assertEquals(sent, driver.stats("a", TimeWindow.ONE_MINUTE).firstEntry().getValue().count(), "all counted");
            assertEquals(sent, driver.registry("a").counts().count());
        }
    }

    @Test
    void servicesBeyondTheLimitAreCountedTogether() {
        int services = 150;
        try (var driver = new AppLogsTestDriver()) {
            for (int i = 0; i < services; i++) {
                driver.pipe(new Line(T0.plusMillis(i), "a", "service-" + i, LogLevel.INFO, "m" + i));
            }
            // one partition here, so the app's registry entry is one value: the first 100 services named, the rest together
            Map<String, Long> registry = driver.registry("a").counts().byService();
            assertEquals(101, registry.size());
            assertEquals(50L, registry.get(LogCounts.OTHER_SERVICES));
            assertEquals(1L, registry.get("service-0"));
            // the minute and hour counts are parts per bucket: whatever each names, the lines add up
            assertEquals(services, driver.stats("a", TimeWindow.ONE_HOUR).values().stream()
                    .mapToLong(counts -> counts.byService().values().stream().mapToLong(Long::longValue).sum()).sum());
        }
    }

    @Test
    void longServiceNamesFillTheirBudgetSooner() {
        LogCounts counts = new LogCounts();
        for (int i = 0; i < 20; i++) {
            String name = (char) ('a' + i) + "y".repeat(4095);
            counts.add(new io.streamlytics.topology.events.AppLog(T0.toEpochMilli(), "a", name, LogLevel.INFO, "m", ""));
        }
        // eight names of 4,096 characters are the 32,768 one value may hold
        assertEquals(9, counts.byService().size());
        assertEquals(12L, counts.byService().get(LogCounts.OTHER_SERVICES));
    }
}
