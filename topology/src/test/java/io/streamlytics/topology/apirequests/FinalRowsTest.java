package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** customer-daily-stats gets each customer-day's final row once, when stream time passes day end + grace (6 h). */
class FinalRowsTest {
    private static final Duration GRACE = Duration.ofHours(6);

    @Test
    void rowAppearsOnlyOnceStreamTimeReachesDayEndPlusGraceAndExactlyOnce() throws Exception {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("cust_1", day(0).plusSeconds(3600), 200, 10));
            driver.pipe(request("cust_2", day(0).plusSeconds(7200), 500, 20));
            driver.pipe(request("cust_1", day(1).plusSeconds(60), 200, 30));
            assertEquals(List.of(), driver.readRows(), "nothing is final while the day is open");

            driver.advanceStreamTimeTo(day(1).plus(GRACE).minus(Duration.ofMinutes(2)));
            assertEquals(List.of(), driver.readRows(), "before day end + grace the day is still open");

            // 2 min of progress is more than the 1 min watermark step: sent at once, no wall clock needed
            driver.advanceStreamTimeTo(day(1).plus(GRACE));
            var records = driver.readRowRecordsAsText();
            assertEquals(2, records.size(), "one row per customer of the closed day: " + records);
            for (var record : records) {
                var json = EventJson.MAPPER.readTree(record.value());
                assertEquals(record.key(), json.get("customer_id").asText(), "key is the customer_id");
                assertEquals("2024-09-03", json.get("date").asText());
                assertEquals("2024-09-03T00:00:00Z", json.get("window_start").asText());
                assertEquals("2024-09-04T00:00:00Z", json.get("window_end").asText());
                for (String field : List.of("success_requests", "failed_requests", "client_errors", "duration_mean",
                        "duration_p50", "duration_p99", "uptime_percentage")) {
                    assertTrue(json.has(field), field + " in " + json);
                }
                assertEquals(day(1).toEpochMilli() - 1, record.timestamp(), "record time is the day's last millisecond");
            }
            assertEquals(List.of("cust_1", "cust_2"), records.stream().map(r -> r.key()).sorted().toList());

            // later progress, including the close of the next day, never repeats the first day's rows
            driver.advanceStreamTimeTo(day(2).plus(GRACE));
            driver.advanceStreamTimeTo(day(5));
            driver.advanceWallClock(Duration.ofMinutes(5));
            List<CustomerDailyStats> later = driver.readCustomerRows();
            assertEquals(1, later.size(), "only cust_1's second day: " + later);
            assertEquals("2024-09-04", later.get(0).date());
            assertEquals("cust_1", later.get(0).customerId());
            assertEquals(1, later.get(0).successRequests());
        }
    }

    @Test
    void closesExactlyAtDayEndPlusGraceToTheMillisecond() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("cust_1", day(0).plusSeconds(3600), 200, 10));
            driver.advanceStreamTimeTo(day(1).plus(GRACE).minusMillis(1));
            driver.advanceWallClock(Duration.ofSeconds(1)); // flush any watermark below the step
            assertEquals(List.of(), driver.readCustomerRows(), "1 ms before day end + grace");
            driver.advanceStreamTimeTo(day(1).plus(GRACE));
            driver.advanceWallClock(Duration.ofSeconds(1));
            assertEquals(1, driver.readCustomerRows().size(), "at day end + grace");
        }
    }

    @Test
    void smallStreamTimeStepIsSentByTheWallClockPunctuation() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("cust_1", day(0).plusSeconds(3600), 200, 10));
            driver.advanceStreamTimeTo(day(1).plus(GRACE).minusSeconds(30));
            // 40 s of progress is below the 1 min watermark step: not sent at once...
            driver.advanceStreamTimeTo(day(1).plus(GRACE).plusSeconds(10));
            assertEquals(List.of(), driver.readCustomerRows(), "watermark below the step waits for the punctuation");
            // ...but at the next 1 s wall-clock punctuation
            driver.advanceWallClock(Duration.ofSeconds(1));
            List<CustomerDailyStats> rows = driver.readCustomerRows();
            assertEquals(1, rows.size(), "closed by the periodic watermark: " + rows);
            assertEquals("cust_1", rows.get(0).customerId());
        }
    }

    @Test
    void dayWithoutLaterEventsStaysOpen() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("cust_1", day(0).plusSeconds(3600), 200, 10));
            // wall clock alone (idle source) never closes a day: only event time does
            driver.advanceWallClock(Duration.ofHours(48));
            assertEquals(List.of(), driver.readRows());
        }
    }
}
