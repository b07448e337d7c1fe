package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Contract section 1: success < 400, client error 400-499, failed >= 500; mean over all requests; per customer per UTC day. */
class DailyCountsTest {
    private static final double EXACT = 1e-9;

    @Test
    void countsEachStatusClassExactlyAndMeanCoversAllRequests() {
        try (var driver = new ApiRequestsTestDriver()) {
            // 5 successes (100, 200, 201, 302, 399), 3 client errors (400, 404, 499), 3 failures (500, 503, 599)
            int[] statuses = {100, 200, 201, 302, 399, 400, 404, 499, 500, 503, 599};
            double[] durations = {1, 2, 3, 4, 5, 10, 20, 30, 100, 200, 0.5};
            for (int i = 0; i < statuses.length; i++) {
                driver.pipe(request("cust_1", day(0).plus(Duration.ofMinutes(10L * i)), statuses[i], durations[i]));
            }
            CustomerDailyStats row = driver.storeRow("cust_1", day(0));
            assertEquals(5, row.successRequests(), "success_requests");
            assertEquals(3, row.clientErrors(), "client_errors");
            assertEquals(3, row.failedRequests(), "failed_requests");
            assertEquals(375.5 / 11, row.durationMean(), EXACT, "duration_mean over every status");
            assertEquals("2024-09-03", row.date());
        }
    }

    @Test
    void keepsTwoCustomersAndTwoDaysApart() {
        try (var driver = new ApiRequestsTestDriver()) {
            List<Request> requests = List.of(
                    request("cust_1", day(0).plus(Duration.ofHours(1)), 200, 10),
                    request("cust_1", day(0).plus(Duration.ofHours(23).plusMinutes(59)), 500, 30),
                    request("cust_2", day(0).plus(Duration.ofHours(2)), 404, 7),
                    // the first millisecond of the next UTC day belongs to that day
                    request("cust_1", day(1), 201, 100),
                    request("cust_1", day(1).plus(Duration.ofHours(5)), 201, 200),
                    request("cust_1", day(1).plus(Duration.ofHours(6)), 503, 300),
                    request("cust_2", day(1).plus(Duration.ofHours(12)), 200, 1),
                    request("cust_2", day(1).plus(Duration.ofHours(12)), 200, 3));
            driver.pipeAll(requests);

            Map<String, CustomerDailyStats> rows = driver.storeRows();
            assertEquals(List.of("cust_1@2024-09-03", "cust_1@2024-09-04", "cust_2@2024-09-03", "cust_2@2024-09-04"),
                    List.copyOf(rows.keySet()));
            assertCounts(rows.get("cust_1@2024-09-03"), 1, 1, 0, 20.0);
            assertCounts(rows.get("cust_2@2024-09-03"), 0, 0, 1, 7.0);
            assertCounts(rows.get("cust_1@2024-09-04"), 2, 1, 0, 200.0);
            assertCounts(rows.get("cust_2@2024-09-04"), 2, 0, 0, 2.0);
            assertNull(driver.storeRow("cust_3", day(0)), "no row for a customer never seen");

            // close both days: the final rows on the output topic carry the same values
            driver.advanceStreamTimeTo(day(2).plus(Duration.ofHours(6)));
            var emitted = driver.readCustomerRows();
            assertEquals(4, emitted.size(), "one final row per customer-day: " + emitted);
            for (CustomerDailyStats row : emitted) {
                assertEquals(rows.get(row.customerId() + "@" + row.date()), row);
            }
        }
    }

    private static void assertCounts(CustomerDailyStats row, long success, long failed, long clientErrors, double mean) {
        assertEquals(success, row.successRequests(), "success_requests of " + row);
        assertEquals(failed, row.failedRequests(), "failed_requests of " + row);
        assertEquals(clientErrors, row.clientErrors(), "client_errors of " + row);
        assertEquals(mean, row.durationMean(), EXACT, "duration_mean of " + row);
    }
}
