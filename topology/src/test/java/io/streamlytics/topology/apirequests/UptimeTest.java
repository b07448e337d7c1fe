package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** uptime_percentage: of the active minutes of the day, the share with at least one request that did not fail (< 500). */
class UptimeTest {

    private static Instant minute(int minuteOfDay, int second) {
        return day(0).plus(Duration.ofMinutes(minuteOfDay)).plusSeconds(second);
    }

    @Test
    void fourActiveMinutesOneOfThemOnlyFailuresIs75() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("c", minute(0, 5), 200, 1));       // up
            driver.pipe(request("c", minute(1, 0), 500, 1));       // down: only 5xx in minute 1
            driver.pipe(request("c", minute(1, 59), 503, 1));
            driver.pipe(request("c", minute(2, 10), 500, 1));      // up: a 5xx and a 200 in the same minute
            driver.pipe(request("c", minute(2, 50), 200, 1));
            driver.pipe(request("c", minute(600, 0), 404, 1));     // up: a client error is not a failure
            CustomerDailyStats row = driver.storeRow("c", day(0));
            assertEquals(75.00, row.uptimePercentage(), 0.0);
            assertEquals(3, row.failedRequests());
        }
    }

    @Test
    void roundsToTwoDecimals() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("c", minute(10, 0), 200, 1));
            driver.pipe(request("c", minute(20, 0), 200, 1));
            driver.pipe(request("c", minute(30, 0), 599, 1));
            assertEquals(66.67, driver.storeRow("c", day(0)).uptimePercentage(), 0.0);
        }
    }

    @Test
    void minuteBoundariesAreUtcMinutesOfTheDay() {
        try (var driver = new ApiRequestsTestDriver()) {
            // 00:00:59.999 and 00:01:00.000 are two minutes; the failure in the second does not spoil the first
            driver.pipe(request("c", day(0).plusMillis(59_999), 200, 1));
            driver.pipe(request("c", day(0).plusMillis(60_000), 500, 1));
            // the last minute of the day counts too
            driver.pipe(request("c", day(1).minusMillis(1), 502, 1));
            assertEquals(33.33, driver.storeRow("c", day(0)).uptimePercentage(), 0.0);
        }
    }

    @Test
    void allFailedIsZeroAndAllUpIsHundred() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("down", minute(5, 0), 500, 1));
            driver.pipe(request("down", minute(6, 0), 504, 1));
            driver.pipe(request("up", minute(5, 0), 200, 1));
            driver.pipe(request("up", minute(6, 0), 429, 1));
            assertEquals(0.0, driver.storeRow("down", day(0)).uptimePercentage(), 0.0);
            assertEquals(100.0, driver.storeRow("up", day(0)).uptimePercentage(), 0.0);
        }
    }
}
