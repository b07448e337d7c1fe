package io.streamlytics.topology.flyer;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.support.UserEventsTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.streamlytics.topology.support.UserEventSpec.close;
import static io.streamlytics.topology.support.UserEventSpec.open;
import static io.streamlytics.topology.support.UserEventSpec.other;
import static io.streamlytics.topology.support.UserEventsTestDriver.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session definition case by case, through the whole topology, with the rows written to flyer-time. */
class FlyerSessionsTest {
    private static final Instant TEN = at(Duration.ofHours(10));

    private static UserFlyerTime figures(long sessions, double totalSeconds, double avgHours, long abandoned, long orphans) {
        return new UserFlyerTime("u1", sessions, totalSeconds, avgHours, abandoned, orphans);
    }

    /** Moves stream time far enough that everything piped so far is settled. */
    private static void settleAll(UserEventsTestDriver driver) {
        driver.advanceStreamTimeTo(at(Duration.ofDays(3)));
        driver.flush();
    }

    @Test
    void openThenCloseIsOneTimedSession() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(45)), "f1", "m1"));
            List<KeyValue<String, UserFlyerTime>> rows = driver.readFlyerTime();
            assertEquals(List.of(KeyValue.pair("u1", figures(0, 0, 0, 0, 0)), KeyValue.pair("u1", figures(1, 2700, 0.75, 0, 0))), rows);
        }
    }

    @Test
    void aCloseArrivingBeforeItsOpenIsCorrectedToOneSession() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(30)), "f1", "m1"));
            driver.pipe(open("u1", TEN, "f1", "m1"));
            assertEquals(List.of(figures(0, 0, 0, 0, 1), figures(1, 1800, 0.5, 0, 0)),
                    driver.readFlyerTime().stream().map(kv -> kv.value).toList());
        }
    }

    @Test
    void anOpenArrivingBetweenAnOpenAndItsCloseAbandonsTheEarlierOpen() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofHours(1)), "f1", "m1"));
            driver.pipe(open("u1", TEN.plus(Duration.ofMinutes(36)), "f1", "m1"));
            assertEquals(figures(1, 1440, 0.4, 1, 0), driver.users().get("u1"));
        }
    }

    @Test
    void aCloseLaterThanTheMaximumLeavesAnAbandonedOpenAndAnOrphanClose() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofHours(4)).plusMillis(1), "f1", "m1"));
            driver.pipe(open("u1", TEN.plus(Duration.ofHours(5)), "f2", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofHours(9)), "f2", "m1"));
            assertEquals(figures(1, 14_400, 4.0, 1, 1), driver.users().get("u1"), "exactly the maximum is still a session");
        }
    }

    @Test
    void anOpenWithNothingAfterItIsAbandonedOnlyOnceItsMaximumAndGraceHavePassed() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.advanceStreamTimeTo(TEN.plus(Duration.ofHours(5)).minusSeconds(1));
            driver.flush();
            assertEquals(figures(0, 0, 0, 0, 0), driver.users().get("u1"), "a close may still come");
            driver.advanceStreamTimeTo(TEN.plus(Duration.ofHours(5)).plusSeconds(1));
            driver.flush();
            assertEquals(figures(0, 0, 0, 1, 0), driver.users().get("u1"));
            assertEquals(figures(0, 0, 0, 1, 0), driver.readFlyerTime().get(1).value, "the change is written to flyer-time");
        }
    }

    @Test
    void theSameEventTwiceCountsOnce() {
        try (var driver = new UserEventsTestDriver()) {
            for (int copy = 0; copy < 2; copy++) {
                driver.pipe(open("u1", TEN, "f1", "m1"));
                driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(6)), "f1", "m1"));
            }
            assertEquals(figures(1, 360, 0.1, 0, 0), driver.users().get("u1"));
            assertEquals(2, driver.readFlyerTime().size(), "a duplicate changes nothing, so writes nothing");
        }
    }

    @Test
    void aCloseAndAnOpenAtOneInstantAreBackToBackSessions() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN.plus(Duration.ofMinutes(30)), "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(30)), "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(60)), "f1", "m1"));
            driver.pipe(open("u1", TEN.plus(Duration.ofMinutes(5)), "f1", "m1"));
            assertEquals(figures(2, 3300, 0.46, 0, 0), driver.users().get("u1"));
        }
    }

    @Test
    void flyersArePairedApartAndOtherEventsChangeNothing() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(open("u1", TEN.plusSeconds(60), "f2", "m2"));
            driver.pipe(other("u1", TEN.plusSeconds(90), "search"));
            driver.pipe(close("u1", TEN.plusSeconds(120), "f1", "m1"));
            driver.pipe(close("u1", TEN.plusSeconds(240), "f2", "m2"));
            assertEquals(figures(2, 300, 0.04, 0, 0), driver.users().get("u1"));
        }
    }

    @Test
    void aUserWithOnlyOtherEventsIsKnownWithZeros() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(other("u1", TEN, "shopping_list_open"));
            assertEquals(List.of(KeyValue.pair("u1", figures(0, 0, 0, 0, 0))), driver.readFlyerTime());
            assertEquals(figures(0, 0, 0, 0, 0), driver.users().get("u1"));
        }
    }

    @Test
    void settledEventsLeaveOnlyTheirTotalsBehind() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofHours(2)), "f1", "m1"));
            driver.pipe(open("u1", TEN.plus(Duration.ofHours(3)), "f1", "m1"));
            // every event still to come is after 11:00 + 4h: the session is final, the last open may still be closed
            driver.advanceStreamTimeTo(TEN.plus(Duration.ofHours(5)));
            driver.flush();
            assertEquals(1, driver.entriesIn(FlyerPipeline.EVENTS_STORE));
            assertEquals(1, driver.entriesIn(FlyerPipeline.SETTLE_QUEUE_STORE));
            assertEquals(figures(1, 7200, 2.0, 0, 0), driver.users().get("u1"));
            settleAll(driver);
            assertEquals(0, driver.entriesIn(FlyerPipeline.EVENTS_STORE) + driver.entriesIn(FlyerPipeline.SETTLE_QUEUE_STORE));
            assertEquals(figures(1, 7200, 2.0, 1, 0), driver.users().get("u1"));
        }
    }

    @Test
    void invalidEventsGoToDeadLettersAndLateOnesToLateEvents() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipeJson("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"user_id\":\"u1\",\"event\":\"flyer_open\",\"merchant_id\":\"m\"}", TEN);
            driver.pipe(other("u2", TEN.plus(Duration.ofHours(2)), "search"));
            driver.pipe(open("u1", TEN.plus(Duration.ofHours(1)), "f1", "m1"));
            var dead = driver.readDeadLetters();
            assertEquals(1, dead.size());
            assertEquals("missing_field:flyer_id", UserEventsTestDriver.header(dead.get(0), ErrorHeaders.EXCEPTION));
            var late = driver.readLateEvents();
            assertEquals(1, late.size());
            assertEquals("late", UserEventsTestDriver.header(late.get(0), ErrorHeaders.EXCEPTION));
            assertTrue(driver.users().get("u1") == null, "an uncounted event does not make a user known");
        }
    }
}
