package io.streamlytics.topology.dedup;

import io.streamlytics.topology.apirequests.CustomerDailyStats;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Contract section 4: events carrying a request_id are de-duplicated per customer within the de-duplication
 * window (default 1 h of event time, either side, bounds included).
 */
class DeduplicationTest {
    private static final Instant NOON = day(0).plus(Duration.ofHours(12));

    private static long requests(CustomerDailyStats row) {
        return row.successRequests() + row.failedRequests() + row.clientErrors();
    }

    @Test
    void exactCopyCountsOnce() {
        try (var driver = new ApiRequestsTestDriver()) {
            var original = request("c", NOON, 200, 10, "r-1");
            driver.pipe(original);
            driver.pipe(original);
            driver.pipe(original);
            CustomerDailyStats row = driver.storeRow("c", day(0));
            assertEquals(1, requests(row));
            assertEquals(10.0, row.durationMean(), 0.0);
        }
    }

    @Test
    void copyArrivingOutOfOrderAfterLaterEventsCountsOnce() {
        try (var driver = new ApiRequestsTestDriver()) {
            var original = request("c", NOON, 500, 10, "r-1");
            driver.pipe(original);
            driver.pipe(request("c", NOON.plus(Duration.ofMinutes(20)), 200, 20, "r-2"));
            // an event with an id moves the id store's own time too; just under the 6 h grace later
            driver.pipe(request("c", NOON.plus(Duration.ofHours(6)).minusMillis(1), 200, 30, "r-3"));
            // the retry of r-1 arrives almost 6 h of stream time later, within the grace: still a duplicate
            driver.pipe(original);
            CustomerDailyStats row = driver.storeRow("c", day(0));
            assertEquals(3, requests(row));
            assertEquals(1, row.failedRequests());
        }
    }

    @Test
    void copyArrivingBeforeTheOriginalInEventTimeCountsOnce() {
        try (var driver = new ApiRequestsTestDriver()) {
            // a re-stamped copy 40 min later in event time arrives first; the original arrives after it
            driver.pipe(request("c", NOON.plus(Duration.ofMinutes(40)), 200, 10, "r-1"));
            driver.pipe(request("c", NOON, 200, 10, "r-1"));
            assertEquals(1, requests(driver.storeRow("c", day(0))));
        }
    }

    @Test
    void sameRequestIdForTwoCustomersCountsForBoth() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("c1", NOON, 200, 10, "shared-id"));
            driver.pipe(request("c2", NOON, 200, 10, "shared-id"));
            assertEquals(1, requests(driver.storeRow("c1", day(0))));
            assertEquals(1, requests(driver.storeRow("c2", day(0))));
        }
    }

    @Test
    void requestIdRepeatedMoreThanOneHourApartCountsTwice() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("c", NOON, 200, 10, "r-1"));
            driver.pipe(request("c", NOON.plus(Duration.ofHours(1)).plusMillis(1), 200, 10, "r-1"));
            assertEquals(2, requests(driver.storeRow("c", day(0))), "1 h + 1 ms apart is outside the window");
        }
    }

    @Test
    void requestIdRepeatedExactlyOneHourApartCountsOnce() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("c", NOON, 200, 10, "r-1"));
            driver.pipe(request("c", NOON.plus(Duration.ofHours(1)), 200, 10, "r-1"));
            driver.pipe(request("c", NOON.minus(Duration.ofHours(1)), 200, 10, "r-1"));
            assertEquals(1, requests(driver.storeRow("c", day(0))), "the window includes its bounds, either side");
        }
    }

    @Test
    void eventsWithoutRequestIdAreNeverDeduplicated() {
        try (var driver = new ApiRequestsTestDriver()) {
            var noId = request("c", NOON, 200, 10);
            driver.pipe(noId);
            driver.pipe(noId);
            // a blank request_id is no id
            driver.pipeJson(noId.json().replace("}", ",\"request_id\":\"  \"}"));
            driver.pipeJson(noId.json().replace("}", ",\"request_id\":\"  \"}"));
            assertEquals(4, requests(driver.storeRow("c", day(0))));
        }
    }

    @Test
    void copyAcrossMidnightCountsOnceInTheFirstCopysDay() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("c", day(1).minus(Duration.ofMinutes(10)), 200, 10, "r-1"));
            driver.pipe(request("c", day(1).plus(Duration.ofMinutes(10)), 200, 10, "r-1"));
            assertEquals(1, requests(driver.storeRow("c", day(0))));
            assertEquals(null, driver.storeRow("c", day(1)));
        }
    }

    @Test
    void duplicateInAClosedDayIsLateNotCounted() {
        try (var driver = new ApiRequestsTestDriver()) {
            var original = request("c", NOON, 200, 10, "r-1");
            driver.pipe(original);
            driver.advanceStreamTimeTo(day(1).plus(Duration.ofHours(6)));
            driver.pipe(original);
            assertEquals(1, driver.readLateEvents().size());
            assertEquals(1, requests(driver.storeRow("c", day(0))));
        }
    }
}
