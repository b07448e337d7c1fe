package io.streamlytics.topology.flyer;

import io.streamlytics.topology.flyer.merchant.MerchantDailyReport;
import io.streamlytics.topology.support.UserEventSpec;
import io.streamlytics.topology.support.UserEventsTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: for generated sessions, any arrival order within grace gives the same per-user and
 * per-merchant figures as sorted input, and those equal the straightforward reference computation.
 */
class FlyerShuffleIntegrationTest {
    private static final Duration GRACE = Duration.ofHours(1);

    private record Outcome(Map<String, UserFlyerTime> live, Map<String, UserFlyerTime> lastRows,
                           Map<String, UserFlyerTime> settled, Map<String, MerchantDailyReport> merchants,
                           int late, int deadLetters, long residualEntries) {
    }

    private static Outcome run(List<UserEventSpec> arrivals) {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipeAll(arrivals);
            driver.flush();
            Map<String, UserFlyerTime> live = driver.users();
            Map<String, UserFlyerTime> lastRows = new HashMap<>();
            for (KeyValue<String, UserFlyerTime> row : driver.readFlyerTime()) {
                lastRows.put(row.key, row.value);
            }
            Instant last = arrivals.stream().map(UserEventSpec::time).max(Instant::compareTo).orElseThrow();
            driver.advanceStreamTimeTo(last.plus(GRACE).plus(GeneratedUserEvents.MAX_SESSION).plusSeconds(60));
            driver.flush();
            long residual = driver.entriesIn(FlyerPipeline.EVENTS_STORE) + driver.entriesIn(FlyerPipeline.SETTLE_QUEUE_STORE);
            return new Outcome(live, new TreeMap<>(lastRows), driver.users(), driver.merchantDays(),
                    driver.readLateEvents().size(), driver.readDeadLetters().size(), residual);
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 7L, 42L, 2024L, 90210L, -5L})
    void everyShuffleWithinGraceGivesTheFiguresOfSortedInput(long seed) {
        Random random = new Random(seed);
        List<UserEventSpec> sorted = GeneratedUserEvents.sorted(random, 12);
        List<UserEventSpec> shuffled = GeneratedUserEvents.disorder(sorted, random, GRACE);
        assertNotEquals(sorted, shuffled, "seed=" + seed + ": the disorder must reorder events");

        Outcome expected = run(sorted);
        Outcome actual = run(shuffled);
        FlyerReference reference = new FlyerReference(sorted, GeneratedUserEvents.MAX_SESSION);

        assertEquals(0, actual.late() + actual.deadLetters(), "seed=" + seed + ": nothing late or invalid within grace");
        assertEquals(expected.live(), actual.live(), "seed=" + seed + ": figures before the last events settle");
        assertEquals(actual.live(), actual.lastRows(), "seed=" + seed + ": flyer-time's last row per user is the store's");
        assertEquals(expected.settled(), actual.settled(), "seed=" + seed + ": settled figures");
        assertEquals(expected.merchants(), actual.merchants(), "seed=" + seed + ": merchant days");
        assertEquals(0, actual.residualEntries(), "seed=" + seed + ": settled events leave no state behind");

        Map<String, UserFlyerTime> referenceUsers = new TreeMap<>();
        reference.users().forEach((user, figures) -> referenceUsers.put(user, UserFlyerTime.of(user,
                new FlyerCounts(figures.sessions(), figures.totalMs(), figures.abandoned(), figures.orphans()))));
        assertEquals(referenceUsers, actual.settled(), "seed=" + seed + ": settled figures equal the reference");
        assertTrue(referenceUsers.values().stream().allMatch(u -> u.sessions() > 0 && u.abandoned() > 0 && u.orphans() > 0),
                "seed=" + seed + ": every user has sessions, abandoned opens and orphan closes");
        assertMerchantsMatch(reference, actual.merchants(), seed);
    }

    private static void assertMerchantsMatch(FlyerReference reference, Map<String, MerchantDailyReport> actual, long seed) {
        assertEquals(reference.merchantDays().keySet(), actual.keySet(), "seed=" + seed + ": merchant days");
        reference.merchantDays().forEach((key, day) -> {
            MerchantDailyReport row = actual.get(key);
            String what = "seed=" + seed + " " + key;
            assertEquals(day.opens, row.flyerOpens(), what + " opens");
            assertEquals(day.users.size(), row.uniqueUsers(), what + " unique users (small counts are exact)");
            assertEquals(day.sessions, row.sessions(), what + " sessions");
            assertEquals(UserFlyerTime.round(day.totalMs / 3_600_000.0, 4), row.totalHours(), what + " total hours");
            Map<String, Double> topHours = new TreeMap<>();
            row.topFlyers().forEach(flyer -> topHours.put(flyer.flyerId(), flyer.totalHours()));
            Map<String, Double> expectedHours = new TreeMap<>();
            day.flyerMs.forEach((flyer, ms) -> expectedHours.put(flyer, UserFlyerTime.round(ms / 3_600_000.0, 4)));
            assertEquals(expectedHours, topHours, what + " flyers by time (fewer than ten)");
        });
    }
}
