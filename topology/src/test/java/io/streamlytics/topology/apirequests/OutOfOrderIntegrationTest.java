package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contract section 4, "backfill gives the same answer as live": input out of order by less than the
 * daily grace (6 h) gives the same final rows and store contents as the same input in event-time order.
 */
class OutOfOrderIntegrationTest {
    private static final Duration MAX_DISORDER = Duration.ofHours(5).plusMinutes(59);
    private static final String[] CUSTOMERS = {"cust_a", "cust_b", "cust_c"};

    /** Events over three days, with some exact copies (same request_id and time) a producer retry would make. */
    private static List<Request> generate(Random random) {
        List<Request> events = new ArrayList<>();
        long span = Duration.ofDays(3).toMillis();
        int[] statuses = {200, 200, 200, 201, 204, 301, 400, 404, 429, 500, 502, 503};
        for (int i = 0; i < 1500; i++) {
            Instant time = day(0).plusMillis((long) (random.nextDouble() * span));
            String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
            double duration = Math.round(Math.exp(3 + random.nextGaussian()) * 1000) / 1000.0;
            Request request = request(customer, time, statuses[random.nextInt(statuses.length)], duration, "r-" + i);
            events.add(request);
            if (random.nextInt(10) == 0) {
                events.add(request);
            }
        }
        events.sort(Comparator.comparing(Request::time));
        return events;
    }

    /**
     * Each event is delayed by a random 0..MAX_DISORDER: it arrives after every event whose delayed time is
     * smaller. Stream time when it arrives is then at most its own time plus MAX_DISORDER, below the grace.
     */
    private static List<Request> disorder(List<Request> sorted, Random random) {
        record Delayed(Request request, long arrival) {
        }
        List<Delayed> delayed = new ArrayList<>();
        for (Request r : sorted) {
            delayed.add(new Delayed(r, r.time().toEpochMilli() + (long) (random.nextDouble() * MAX_DISORDER.toMillis())));
        }
        delayed.sort(Comparator.comparingLong(Delayed::arrival));
        return delayed.stream().map(Delayed::request).toList();
    }

    private record Outcome(Map<String, CustomerDailyStats> store, List<CustomerDailyStats> finalRows, int late) {
    }

    private static Outcome run(List<Request> arrivals) {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(arrivals);
            Map<String, CustomerDailyStats> store = driver.storeRows();
            // close all three days
            driver.advanceStreamTimeTo(day(4).plus(Duration.ofHours(6)));
            List<CustomerDailyStats> rows = new ArrayList<>(driver.readCustomerRows());
            rows.sort(Comparator.comparing(CustomerDailyStats::customerId).thenComparing(CustomerDailyStats::date));
            return new Outcome(store, rows, driver.readLateEvents().size());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3L, 17L, 20240903L, -99L})
    void shuffledWithinGraceGivesTheSameRowsAsSorted(long seed) {
        Random random = new Random(seed);
        List<Request> sorted = generate(random);
        List<Request> shuffled = disorder(sorted, random);
        assertNotEquals(sorted, shuffled, "seed=" + seed + ": the disorder must actually reorder events");

        Outcome expected = run(sorted);
        Outcome actual = run(shuffled);

        assertEquals(0, expected.late(), "seed=" + seed + ": sorted input has no late events");
        assertEquals(0, actual.late(), "seed=" + seed + ": disorder below the grace makes no event late");
        assertEquals(9, expected.store().size(), "seed=" + seed + ": 3 customers x 3 days in the store");
        assertEquals(expected.store(), actual.store(), "seed=" + seed + ": store contents");
        assertEquals(9, expected.finalRows().size(), "seed=" + seed + ": one final row per customer-day");
        assertEquals(expected.finalRows(), actual.finalRows(), "seed=" + seed + ": final rows");
        assertTrue(expected.finalRows().stream().allMatch(row -> row.uptimePercentage() > 0), "seed=" + seed);
    }
}
