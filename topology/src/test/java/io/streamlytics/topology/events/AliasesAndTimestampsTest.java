package io.streamlytics.topology.events;

import io.streamlytics.topology.apirequests.CustomerDailyStats;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Aliases, the default method and every timestamp form, end to end through the topology into the right UTC day. */
class AliasesAndTimestampsTest {

    @Test
    void aliasedEventIsCountedLikeACanonicalOne() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeJson("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"c\",\"endpoint\":\"/orders\","
                    + "\"response_code\":503,\"response_time_ms\":40}");
            driver.pipeJson("{\"timestamp\":\"2024-09-03T10:00:01Z\",\"customer_id\":\"c\",\"request_path\":\"/orders\","
                    + "\"status_code\":200,\"duration_ms\":20}");
            // no method: defaults to GET and is still valid
            driver.pipeJson("{\"timestamp\":\"2024-09-03T10:00:02Z\",\"customer_id\":\"c\",\"endpoint\":\"/orders\","
                    + "\"status_code\":404,\"response_time_ms\":30,\"method\":\"post\"}");
            assertEquals(List.of(), driver.readDeadLetters());
            CustomerDailyStats row = driver.storeRow("c", day(0));
            assertEquals(1, row.successRequests());
            assertEquals(1, row.failedRequests());
            assertEquals(1, row.clientErrors());
            assertEquals(30.0, row.durationMean(), 1e-9);
        }
    }

    @Test
    void epochMillisAndOffsetTimestampsLandOnTheirUtcDay() {
        try (var driver = new ApiRequestsTestDriver()) {
            // 13:54:59-04:00 is 17:54:59Z: 2018-10-01
            driver.pipeJson("{\"timestamp\":\"2018-10-01T13:54:59-04:00\",\"customer_id\":\"c\",\"request_path\":\"/x\","
                    + "\"status_code\":200,\"duration_ms\":1}");
            // 22:30-04:00 is 02:30Z the next day: 2018-10-02, although its local date is 2018-10-01
            driver.pipeJson("{\"timestamp\":\"2018-10-01T22:30:00-04:00\",\"customer_id\":\"c\",\"request_path\":\"/x\","
                    + "\"status_code\":200,\"duration_ms\":1}");
            // 00:30+02:00 is 22:30Z the day before: 2018-10-01
            driver.pipeJson("{\"timestamp\":\"2018-10-02T00:30:00+02:00\",\"customer_id\":\"c\",\"request_path\":\"/x\","
                    + "\"status_code\":500,\"duration_ms\":1}");
            // epoch millis of 2018-10-02T12:00:00.250Z
            long millis = Instant.parse("2018-10-02T12:00:00.250Z").toEpochMilli();
            driver.pipeJson("{\"timestamp\":" + millis + ",\"customer_id\":\"c\",\"request_path\":\"/x\","
                    + "\"status_code\":200,\"duration_ms\":1}");
            assertEquals(List.of(), driver.readDeadLetters());
            assertEquals(List.of(), driver.readLateEvents());

            Map<String, CustomerDailyStats> rows = driver.storeRows();
            assertEquals(List.of("c@2018-10-01", "c@2018-10-02"), List.copyOf(rows.keySet()));
            assertEquals(1, rows.get("c@2018-10-01").successRequests());
            assertEquals(1, rows.get("c@2018-10-01").failedRequests());
            assertEquals(2, rows.get("c@2018-10-02").successRequests());
            assertEquals("2018-10-01T00:00:00Z", rows.get("c@2018-10-01").windowStart());
            assertEquals("2018-10-02T00:00:00Z", rows.get("c@2018-10-01").windowEnd());
            // minute of day uses UTC: 17:54 and 22:30 are two active minutes, one of them down
            assertEquals(50.0, rows.get("c@2018-10-01").uptimePercentage(), 0.0);
        }
    }

    @Test
    void theFutureLimitFollowsTheDriversWallClock() {
        try (var driver = new ApiRequestsTestDriver()) {
            String json = "{\"timestamp\":\"" + ApiRequestsTestDriver.WALL_CLOCK.plusSeconds(6 * 60)
                    + "\",\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":1}";
            driver.pipeJson(json);
            assertEquals(1, driver.readDeadLetters().size(), "6 min ahead of the wall clock");
            driver.advanceWallClock(java.time.Duration.ofMinutes(2));
            driver.pipeJson(json);
            assertEquals(List.of(), driver.readDeadLetters(), "4 min ahead once the clock moved on");
            assertEquals(1, driver.storeRow("c", ApiRequestsTestDriver.WALL_CLOCK).successRequests());
        }
    }
}
