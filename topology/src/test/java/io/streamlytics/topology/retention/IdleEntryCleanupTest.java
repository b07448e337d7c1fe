package io.streamlytics.topology.retention;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.anomalies.AnomalyPipeline;
import io.streamlytics.topology.apirequests.anomalies.AnomalySettings;
import io.streamlytics.topology.apirequests.anomalies.Baseline;
import io.streamlytics.topology.events.LogLevel;
import io.streamlytics.topology.flyer.FlyerCounts;
import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.flyer.UserTotals;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import io.streamlytics.topology.support.AppLogsTestDriver;
import io.streamlytics.topology.support.AppLogsTestDriver.Line;
import io.streamlytics.topology.support.UserEventSpec;
import io.streamlytics.topology.support.UserEventsTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key-value stores that gain a key per app, endpoint or user forget the keys idle for longer than
 * the retention, judged on event time: moving event time forward is all it takes, and a key active
 * within the retention stays.
 */
class IdleEntryCleanupTest {
    private static final Duration RETENTION = Duration.ofDays(2);
    /** The cleanup's period for that retention, a quarter of it: the step of a flyer user's activity bound. */
    private static final Duration PERIOD = Duration.ofHours(12);
    private static final Instant T0 = ApiRequestsTestDriver.T0;

    private static TopologyConfig withRetention(AnomalySettings anomalies) {
        TopologyConfig d = TopologyConfig.defaults();
        return d.toBuilder().retention(RETENTION).anomalies(anomalies).build();
    }

    @Test
    void theAppsRegistryForgetsAppsWithoutLinesForLongerThanTheRetention() {
        try (AppLogsTestDriver driver = new AppLogsTestDriver(withRetention(AnomalySettings.defaults()))) {
            driver.pipe(new Line(T0, "old", "old", LogLevel.INFO, "started"));
            driver.pipe(new Line(T0.plus(Duration.ofDays(1)), "live", "live", LogLevel.INFO, "started"));
            driver.pipe(new Line(T0.plus(RETENTION), "live", "live", LogLevel.INFO, "still here"));
            assertNotNull(driver.registry("old"), "idle for exactly the retention: kept");

            driver.pipe(new Line(T0.plus(RETENTION).plus(Duration.ofDays(1)), "live", "live", LogLevel.INFO, "a day later"));
            assertNull(driver.registry("old"));
            assertEquals(3, driver.registry("live").counts().count());
        }
    }

    @Test
    void flyerUsersIdleForLongerThanTheRetentionAreForgotten() {
        try (UserEventsTestDriver driver = new UserEventsTestDriver(withRetention(AnomalySettings.defaults()))) {
            driver.pipe(UserEventSpec.open("old", T0, "f1", "m1"));
            driver.pipe(UserEventSpec.close("old", T0.plus(Duration.ofMinutes(5)), "f1", "m1"));
            driver.pipe(UserEventSpec.other("live", T0.plus(Duration.ofDays(1)), "scroll"));
            driver.advanceStreamTimeTo(T0.plus(RETENTION));
            assertEquals(Set.of("old", "live"), driver.users().keySet());

            driver.readFlyerTime();
            driver.pipe(UserEventSpec.other("live", T0.plus(Duration.ofDays(2)), "scroll"));
            driver.advanceStreamTimeTo(T0.plus(RETENTION).plus(Duration.ofDays(1)));
            assertEquals(Set.of("live"), driver.users().keySet());
            // flyer-time gets a tombstone for the forgotten user, so downstream tables forget them too
            assertTrue(driver.readFlyerTime().stream().anyMatch(row -> row.key.equals("old") && row.value == null));
        }
    }

    @Test
    void aFlyerUserIsKeptForTheRetentionAfterTheirLastEventEvenWhenItsActivityBoundWasNotRewritten() {
        try (UserEventsTestDriver driver = new UserEventsTestDriver(withRetention(AnomalySettings.defaults()))) {
            // the second event lies within the bound the first one set, so it leaves the stored value alone
            driver.pipe(UserEventSpec.other("u", T0, "scroll"));
            UserTotals afterFirst = driver.userTotals("u");
            driver.pipe(UserEventSpec.other("u", T0.plus(Duration.ofHours(6)), "scroll"));
            assertEquals(afterFirst, driver.userTotals("u"));

            driver.advanceStreamTimeTo(T0.plus(Duration.ofHours(6)).plus(RETENTION));
            driver.pipe(UserEventSpec.other("other", T0.plus(Duration.ofHours(6)).plus(RETENTION), "scroll"));
            assertTrue(driver.users().containsKey("u"), "idle for exactly the retention since their last event: kept");

            Instant twoPeriodsLater = T0.plus(Duration.ofHours(6)).plus(RETENTION).plus(PERIOD.multipliedBy(2));
            driver.advanceStreamTimeTo(twoPeriodsLater.plus(PERIOD));
            assertFalse(driver.users().containsKey("u"), "gone at most two periods (and a scan) after the retention");
        }
    }

    @Test
    void aFlyerUserStoredWithoutActivityIsForgottenOneRetentionAfterTheFirstScan() {
        try (UserEventsTestDriver driver = new UserEventsTestDriver(withRetention(AnomalySettings.defaults()))) {
            driver.pipe(UserEventSpec.other("live", T0, "scroll"));
            driver.storeUserTotals("legacy", new UserTotals(new FlyerCounts(1, 60_000, 0, 0), UserTotals.ACTIVITY_UNKNOWN));
            driver.advanceStreamTimeTo(T0.plus(Duration.ofDays(1)));
            assertTrue(driver.users().containsKey("legacy"), "an unknown activity is timed from the first scan, not dropped");
            assertEquals(1, driver.users().get("legacy").sessions());

            driver.advanceStreamTimeTo(T0.plus(Duration.ofDays(1)).plus(RETENTION).plus(PERIOD.multipliedBy(3)));
            assertFalse(driver.users().containsKey("legacy"));
        }
    }

    @Test
    void anEndpointWithoutJudgedMinutesForLongerThanTheRetentionLosesItsBaseline() {
        try (ApiRequestsTestDriver driver = new ApiRequestsTestDriver(withRetention(new AnomalySettings(2, 5, 3)))) {
            for (int i = 0; i < 10; i++) {
                driver.pipe(new Request("cust_1", T0.plusSeconds(i), 200, 20, null, "GET", "/old"));
            }
            driver.advanceStreamTimeTo(T0.plus(Duration.ofHours(2)));
            driver.advanceWallClock(Duration.ofSeconds(1));
            assertNotNull(baseline(driver, "GET /old"), "the minute was judged into a baseline");

            Instant later = T0.plus(RETENTION).plus(Duration.ofDays(1));
            driver.advanceStreamTimeTo(later);
            driver.advanceStreamTimeTo(later.plus(Duration.ofHours(2)));
            driver.advanceWallClock(Duration.ofSeconds(1));
            assertNull(baseline(driver, "GET /old"));
        }
    }

    private static Baseline baseline(ApiRequestsTestDriver driver, String endpoint) {
        return driver.driver().<String, Baseline>getKeyValueStore(AnomalyPipeline.BASELINE_STORE).get(endpoint);
    }
}
