package io.streamlytics.topology.admission;

import io.streamlytics.topology.apirequests.CustomerDailyStats;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.header;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An event whose day closed (day end + grace <= stream time) goes to late-events with its reason and changes nothing. */
class LateEventsTest {
    private static final Duration GRACE = Duration.ofHours(6);

    @Test
    void eventPastGraceGoesToLateEventsAndChangesNothing() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("cust_1", day(0).plusSeconds(3600), 200, 10));       // offset 0
            driver.advanceStreamTimeTo(day(1).plus(GRACE));                          // offset 1: closes day 0
            List<CustomerDailyStats> closed = driver.readCustomerRows();
            assertEquals(1, closed.size());
            Map<String, CustomerDailyStats> storeBefore = driver.storeRows();

            Request late = request("cust_1", day(0).plus(Duration.ofHours(23)), 500, 999);
            driver.pipe(late);                                                       // offset 2

            var lateRecords = driver.readLateEvents();
            assertEquals(1, lateRecords.size());
            var record = lateRecords.get(0);
            assertArrayEquals(late.json().getBytes(StandardCharsets.UTF_8), record.value(), "the original bytes");
            assertEquals("late", header(record, ErrorHeaders.EXCEPTION));
            String reason = header(record, ErrorHeaders.REASON);
            assertTrue(reason.contains("late") && reason.contains("2024-09-03T23:00:00Z")
                    && reason.contains("2024-09-04T06:00:00Z"), "reason names the event time and the window close: " + reason);
            assertEquals("api-requests", header(record, ErrorHeaders.TOPIC));
            assertEquals("0", header(record, ErrorHeaders.PARTITION));
            assertEquals("2", header(record, ErrorHeaders.OFFSET));

            assertEquals(storeBefore, driver.storeRows(), "store unchanged");
            assertEquals(List.of(), driver.readCustomerRows(), "no new or changed row");
            assertEquals(List.of(), driver.readDeadLetters(), "late is not invalid");
        }
    }

    @Test
    void lastMillisecondBeforeDayEndPlusGraceIsStillOnTime() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("cust_1", day(0).plusSeconds(3600), 200, 10));
            driver.advanceStreamTimeTo(day(1).plus(GRACE).minusMillis(1));
            driver.pipe(request("cust_1", day(1).minusMillis(1), 200, 10));
            assertEquals(List.of(), driver.readLateEvents());
            assertEquals(2, driver.storeRow("cust_1", day(0)).successRequests(), "counted in its day");
            // and the day's row, when it closes, includes it
            driver.advanceStreamTimeTo(day(1).plus(GRACE));
            driver.advanceWallClock(Duration.ofSeconds(1)); // 1 ms of progress is sent by the periodic watermark
            var rows = driver.readCustomerRows();
            assertEquals(1, rows.size());
            assertEquals(2, rows.get(0).successRequests());
        }
    }

    @Test
    void lateIsJudgedByStreamTimeNotWallClock() {
        try (var driver = new ApiRequestsTestDriver()) {
            // 2018 history into a fresh driver whose wall clock is in 2025: nothing is late
            driver.pipeJson("{\"timestamp\":\"2018-10-01T13:54:59Z\",\"customer_id\":\"old\",\"request_path\":\"/x\","
                    + "\"status_code\":200,\"duration_ms\":5}");
            assertEquals(List.of(), driver.readLateEvents());
            assertEquals(1, driver.storeRows().size());
        }
    }
}
