package io.streamlytics.topology.applogs;

import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.LogLevel;
import io.streamlytics.topology.support.AppLogsTestDriver;
import io.streamlytics.topology.support.AppLogsTestDriver.Line;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.header;
import static io.streamlytics.topology.support.AppLogsTestDriver.T0;
import static io.streamlytics.topology.support.AppLogsTestDriver.everything;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counts by level and service per 1-minute and 1-hour window, the apps registry, and what is late for which window. */
class AppLogStatsTest {

    private static List<Line> twoHoursOfLines(Random random) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            Instant time = T0.plusMillis((long) (random.nextDouble() * Duration.ofHours(2).toMillis()));
            lines.add(new Line(time, "checkout", "svc-" + random.nextInt(3), LogLevel.values()[random.nextInt(6)], "line " + i));
        }
        lines.sort(java.util.Comparator.comparing(Line::time));
        return lines;
    }

    /** What the windows should hold, counted here from the lines themselves. */
    private static Map<Long, Map<String, Long>> expectedCounts(List<Line> lines, TimeWindow window) {
        Map<Long, Map<String, Long>> expected = new TreeMap<>();
        for (Line line : lines) {
            Map<String, Long> counts = expected.computeIfAbsent(window.startOf(line.time().toEpochMilli()), start -> new TreeMap<>());
            counts.merge(line.level().name(), 1L, Long::sum);
            counts.merge("service:" + line.service(), 1L, Long::sum);
        }
        return expected;
    }

    private static Map<Long, Map<String, Long>> actualCounts(AppLogsTestDriver driver, TimeWindow window) {
        Map<Long, Map<String, Long>> actual = new TreeMap<>();
        driver.stats("checkout", window).forEach((start, counts) -> {
            Map<String, Long> flat = new TreeMap<>();
            counts.byLevel().forEach((level, count) -> {
                if (count > 0) {
                    flat.put(level, count);
                }
            });
            counts.byService().forEach((service, count) -> flat.put("service:" + service, count));
            actual.put(start, flat);
        });
        return actual;
    }

    @Test
    void windowsAndRegistryEqualCountsOfTheLinesThemselves() {
        List<Line> lines = twoHoursOfLines(new Random(5));
        try (var driver = new AppLogsTestDriver()) {
            driver.pipeAll(lines);
            for (TimeWindow window : TimeWindow.values()) {
                assertEquals(expectedCounts(lines, window), actualCounts(driver, window), window.label());
            }
            assertEquals(120, driver.stats("checkout", TimeWindow.ONE_MINUTE).size());
            AppSeen seen = driver.registry("checkout");
            assertEquals(lines.get(0).time().toEpochMilli(), seen.firstSeen());
            assertEquals(lines.get(lines.size() - 1).time().toEpochMilli(), seen.lastSeen());
            assertEquals(lines.size(), seen.counts().count());
        }
    }

    @Test
    void aLineBeyondTheGraceOfWindowedMetricsStillCountsEverywhere() {
        try (var driver = new AppLogsTestDriver()) {
            driver.pipe(new Line(T0.plus(Duration.ofMinutes(5)), "a", "s", LogLevel.INFO, "on time"));
            // stream time 03:10: a metric minute or hour of 00:xx would have closed long ago, but no log count is final
            driver.pipe(new Line(T0.plus(Duration.ofMinutes(190)), "a", "s", LogLevel.INFO, "moves time"));
            driver.pipe(new Line(T0.plus(Duration.ofMinutes(5)).plusSeconds(30), "a", "s", LogLevel.ERROR, "three hours behind"));

            long minute = T0.plus(Duration.ofMinutes(5)).toEpochMilli();
            assertEquals(2, driver.stats("a", TimeWindow.ONE_MINUTE).get(minute).count());
            LogCounts hour = driver.stats("a", TimeWindow.ONE_HOUR).get(T0.toEpochMilli());
            assertEquals(2, hour.count());
            assertEquals(1, hour.byLevel().get("ERROR"));
            assertEquals(3, driver.search(everything("a", 10)).size());
            assertEquals(List.of(), driver.readLateEvents());
        }
    }

    @Test
    void aLineBeyondTheSearchAndMinuteRetentionsCountsOnlyInItsHour() {
        try (var driver = new AppLogsTestDriver()) {
            driver.pipe(new Line(T0.plus(Duration.ofMinutes(5)), "a", "s", LogLevel.INFO, "on time"));
            // stream time: three days on; lines are searchable 24 h and minutes kept 2 days, hours 30 days
            driver.pipe(new Line(T0.plus(Duration.ofDays(3)), "a", "s", LogLevel.INFO, "moves time"));
            driver.pipe(new Line(T0.plus(Duration.ofMinutes(7)), "a", "s", LogLevel.ERROR, "three days behind"));

            assertEquals(2, driver.stats("a", TimeWindow.ONE_HOUR).get(T0.toEpochMilli()).count());
            assertEquals(null, driver.stats("a", TimeWindow.ONE_MINUTE).get(T0.plus(Duration.ofMinutes(7)).toEpochMilli()));
            assertEquals(1, driver.search(everything("a", 10)).size(), "only the newest line is within 24 h");
            var late = driver.readLateEvents();
            assertEquals(List.of("late-app-log-search", "late-app-log-1m"),
                    late.stream().map(record -> header(record, ErrorHeaders.EXCEPTION)).toList());
            assertEquals("app-logs", header(late.get(0), ErrorHeaders.TOPIC));
            assertTrue(new String(late.get(0).value()).contains("\"message\":\"three days behind\""));
        }
    }

    @Test
    void aLineBeyondEveryRetentionGoesToLateEventsAndChangesNothing() {
        try (var driver = new AppLogsTestDriver()) {
            driver.pipe(new Line(T0.plus(Duration.ofMinutes(5)), "a", "s", LogLevel.INFO, "on time"));
            driver.pipe(new Line(T0.plus(Duration.ofDays(31)), "a", "s", LogLevel.INFO, "moves time"));
            Line late = new Line(T0.plus(Duration.ofMinutes(59)), "a", "s", LogLevel.FATAL, "beyond the 30 days");
            driver.pipe(late);

            assertEquals(List.of("moves time"), driver.search(everything("a", 10)).stream().map(found -> found.line().message()).toList());
            var lateRecords = driver.readLateEvents();
            assertEquals(1, lateRecords.size());
            assertEquals("late", header(lateRecords.get(0), ErrorHeaders.EXCEPTION));
            assertEquals(late.json(), new String(lateRecords.get(0).value()), "the original line");
            assertEquals(List.of(), driver.readDeadLetters());
        }
    }
}
