package io.streamlytics.topology.applogs;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.events.LogLevel;
import io.streamlytics.topology.support.AppLogsTestDriver;
import io.streamlytics.topology.support.AppLogsTestDriver.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import static io.streamlytics.topology.support.AppLogsTestDriver.T0;
import static io.streamlytics.topology.support.AppLogsTestDriver.everything;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search over the search store: exactly the matching lines, newest first, every line once across pages, within retention. */
class AppLogSearchTest {
    private static final String[] SERVICES = {"payments", "cart", "auth"};
    private static final String[] WORDS = {"card declined", "Timeout calling bank", "user logged in", "cache miss"};

    /** An hour of two apps' lines, many sharing a millisecond, arriving out of order by up to 10 minutes. */
    private static List<Line> hourOfLines(Random random) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            // 1800 distinct milliseconds for 3000 lines: many lines share theirs
            Instant time = T0.plusMillis(random.nextInt(1800) * 2000L);
            String app = random.nextInt(4) == 0 ? "billing" : "checkout";
            lines.add(new Line(time, app, SERVICES[random.nextInt(SERVICES.length)], LogLevel.values()[random.nextInt(6)],
                    WORDS[random.nextInt(WORDS.length)] + " #" + i));
        }
        record Arrival(Line line, long at) {
        }
        return lines.stream().map(line -> new Arrival(line, line.time().toEpochMilli() + random.nextInt(600_000)))
                .sorted(Comparator.comparingLong(Arrival::at)).map(Arrival::line).toList();
    }

    private static LogSearchQuery query(String app, LogLevel minLevel, String service, String text, int limit) {
        return new LogSearchQuery(app, minLevel, service, text, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), null, limit);
    }

    private static void assertExactlyNewestFirst(List<Line> expected, List<FoundLine> found, String context) {
        assertEquals(expected.size(), found.size(), context + ": count");
        Set<String> messages = new HashSet<>();
        for (int i = 0; i < found.size(); i++) {
            assertTrue(messages.add(found.get(i).line().message()), context + ": a line seen twice: " + found.get(i));
            if (i > 0) {
                assertTrue(found.get(i - 1).position().compareTo(found.get(i).position()) > 0, context + ": newest first at " + i);
                assertTrue(found.get(i - 1).line().timestamp() >= found.get(i).line().timestamp(), context + ": timestamps at " + i);
            }
        }
        assertEquals(expected.stream().map(Line::message).collect(java.util.stream.Collectors.toSet()), messages, context);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 77L})
    void everyFilterFindsExactlyItsLinesNewestFirstAndPagesVisitEachLineOnce(long seed) {
        List<Line> lines = hourOfLines(new Random(seed));
        try (var driver = new AppLogsTestDriver()) {
            driver.pipeAll(lines);
            assertEquals(List.of(), driver.readLateEvents());
            record Case(String name, LogSearchQuery query, Predicate<Line> expected) {
            }
            Instant from = T0.plus(Duration.ofMinutes(10));
            Instant to = T0.plus(Duration.ofMinutes(40));
            List<Case> cases = List.of(
                    new Case("all", query("checkout", null, null, null, 100), l -> l.app().equals("checkout")),
                    new Case("warn and up", query("checkout", LogLevel.WARN, null, null, 37),
                            l -> l.app().equals("checkout") && l.level().compareTo(LogLevel.WARN) >= 0),
                    new Case("service", query("billing", null, "auth", null, 50), l -> l.app().equals("billing") && l.service().equals("auth")),
                    new Case("text ignoring case", query("checkout", LogLevel.ERROR, null, "timeout", 13),
                            l -> l.app().equals("checkout") && l.level().compareTo(LogLevel.ERROR) >= 0 && l.message().contains("Timeout")),
                    new Case("time range", new LogSearchQuery("checkout", null, "cart", null, from, to, null, 25),
                            l -> l.app().equals("checkout") && l.service().equals("cart") && !l.time().isBefore(from) && !l.time().isAfter(to)),
                    new Case("unknown app", query("nobody", null, null, null, 10), l -> false));
            for (Case c : cases) {
                List<Line> expected = lines.stream().filter(c.expected()).toList();
                assertExactlyNewestFirst(expected, driver.searchAll(c.query()), "seed=" + seed + " " + c.name());
            }
            List<FoundLine> firstPage = driver.search(query("checkout", null, null, null, 1000));
            assertEquals(1000, firstPage.size());
            assertEquals(AppLogsPipeline.BUCKETS, firstPage.stream().map(f -> f.position().bucket()).distinct().count(),
                    "one app's lines are spread over every bucket");
        }
    }

    @Test
    void linesOfOneMillisecondKeepTheirPlacesAcrossPages() {
        try (var driver = new AppLogsTestDriver()) {
            for (int i = 0; i < 40; i++) {
                driver.pipe(new Line(T0, "a", "s", LogLevel.INFO, "same instant " + i));
            }
            List<FoundLine> pageByPage = driver.searchAll(everything("a", 3));
            assertEquals(40, pageByPage.size());
            assertEquals(driver.search(everything("a", 100)), pageByPage, "small pages visit the lines as one large page does");
            assertTrue(pageByPage.stream().anyMatch(f -> f.position().index() > 0), "some bucket holds several lines of the instant");
        }
    }

    @Test
    void linesOlderThanTheSearchRetentionAreDropped() {
        TopologyConfig defaults = TopologyConfig.defaults();
        Duration retention = defaults.appLogs().searchRetention();
        try (var driver = new AppLogsTestDriver()) {
            driver.pipe(new Line(T0, "old", "s", LogLevel.ERROR, "before"));
            driver.pipe(new Line(T0.plus(Duration.ofHours(20)), "old", "s", LogLevel.ERROR, "within"));
            assertEquals(2, driver.search(everything("old", 10)).size());

            // another app's line moves event time a retention past the first line
            driver.pipe(new Line(T0.plus(retention).plus(Duration.ofHours(1)), "clock", "s", LogLevel.INFO, "later"));

            List<FoundLine> kept = driver.search(everything("old", 10));
            assertEquals(List.of("within"), kept.stream().map(f -> f.line().message()).toList());
            assertEquals(1, driver.search(everything("clock", 10)).size());
        }
    }

    /**
     * A rare text no longer reads an app's whole history for one page: on a small budget pages come back partial, each
     * with a cursor, and following the cursors visits exactly the lines one unbounded search finds.
     */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3L, 41L})
    void aScanBudgetGivesPartialPagesWhoseCursorsVisitEveryMatchOnce(long seed) {
        List<Line> lines = hourOfLines(new Random(seed));
        try (var driver = new AppLogsTestDriver()) {
            driver.pipeAll(lines);
            // a quarter of the lines say "logged in": its pages mostly fill before the budget is spent
            for (String text : new String[] {"declined #1", "#29", "logged in"}) {
                boolean rare = !text.equals("logged in");
                LogSearchQuery first = query("checkout", null, null, text, 20);
                List<Line> expected = lines.stream()
                        .filter(l -> l.app().equals("checkout") && l.message().toLowerCase().contains(text.toLowerCase())).toList();
                List<List<FoundLine>> pages = driver.pages(first, 10 * LogScan.MIN_LINE_COST);
                String context = "seed=" + seed + " q=" + text;
                List<FoundLine> budgeted = pages.stream().flatMap(List::stream).toList();
                assertExactlyNewestFirst(expected, budgeted, context);
                assertTrue(!rare || pages.stream().limit(pages.size() - 1).anyMatch(page -> page.size() < first.limit()),
                        context + ": some page before the last stopped on the budget, not full; " + pages.size() + " pages");
                assertEquals(driver.searchAll(first), budgeted, context + ": the same lines in the same order as without a budget");
            }
        }
    }
}
