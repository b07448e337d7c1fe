package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.support.UserEventsTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.streamlytics.topology.support.UserEventSpec.close;
import static io.streamlytics.topology.support.UserEventSpec.open;
import static io.streamlytics.topology.support.UserEventsTestDriver.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Merchant days through the whole topology: opens, unique users, sessions on their open's day, corrections, top flyers. */
class MerchantReportTest {
    private static final Instant TEN = at(Duration.ofHours(10));

    @Test
    void countsOpensUsersAndTimedSessionsOfTheDay() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(30)), "f1", "m1"));
            driver.pipe(open("u1", TEN.plus(Duration.ofMinutes(40)), "f1", "m1"));
            driver.pipe(open("u2", TEN, "f2", "m1"));
            driver.pipe(close("u2", TEN.plus(Duration.ofMinutes(90)), "f2", "m1"));
            driver.pipe(open("u3", TEN.plus(Duration.ofMinutes(60)), "f3", "m2"));
            MerchantDailyReport m1 = driver.merchantDays().get("m1@2024-09-03");
            assertEquals(new MerchantDailyReport("m1", "2024-09-03", "2024-09-03T00:00:00Z", "2024-09-04T00:00:00Z", 3, 2, 2,
                    2.0, 60.0, List.of(new MerchantDailyReport.TopFlyer("f2", 1, 1.5), new MerchantDailyReport.TopFlyer("f1", 1, 0.5))),
                    m1);
            assertEquals(1, driver.merchantDays().get("m2@2024-09-03").flyerOpens());
        }
    }

    @Test
    void aCorrectedPairingTakesBackWhatItAdded() {
        try (var driver = new UserEventsTestDriver()) {
            driver.pipe(open("u1", TEN, "f1", "m1"));
            driver.pipe(close("u1", TEN.plus(Duration.ofMinutes(60)), "f1", "m1"));
            driver.pipe(open("u1", TEN.plus(Duration.ofMinutes(45)), "f1", "m1"));
            MerchantDailyReport day = driver.merchantDays().get("m1@2024-09-03");
            assertEquals(2, day.flyerOpens());
            assertEquals(1, day.uniqueUsers());
            assertEquals(1, day.sessions());
            assertEquals(0.25, day.totalHours());
            assertEquals(15.0, day.avgSessionMinutes());
            assertEquals(List.of(new MerchantDailyReport.TopFlyer("f1", 1, 0.25)), day.topFlyers());
        }
    }

    @Test
    void aSessionCountsOnItsOpensDay() {
        try (var driver = new UserEventsTestDriver()) {
            Instant lateEvening = at(Duration.ofHours(23).plusMinutes(30));
            driver.pipe(open("u1", lateEvening, "f1", "m1"));
            driver.pipe(close("u1", lateEvening.plus(Duration.ofHours(1)), "f1", "m1"));
            assertEquals(1, driver.merchantDays().get("m1@2024-09-03").sessions());
            assertNull(driver.merchantDays().get("m1@2024-09-04"), "a close alone adds nothing to its day");
        }
    }

    @Test
    void topFlyersAreTheTenWithMostTimeTiesByFlyerId() {
        try (var driver = new UserEventsTestDriver()) {
            for (int f = 0; f < 12; f++) {
                int minutes = f < 2 ? 50 : 10 + f;
                driver.pipe(open("u" + f, TEN, "f" + f, "m1"));
                driver.pipe(close("u" + f, TEN.plus(Duration.ofMinutes(minutes)), "f" + f, "m1"));
            }
            List<String> top = driver.merchantDays().get("m1@2024-09-03").topFlyers().stream()
                    .map(MerchantDailyReport.TopFlyer::flyerId).toList();
            assertEquals(List.of("f0", "f1", "f11", "f10", "f9", "f8", "f7", "f6", "f5", "f4"), top);
        }
    }
}
