package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.T0;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.assertWithinRelative;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.nearestRank;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Final rows of closed minutes on the endpoint-metrics topic: one per endpoint and minute, sent once grace has passed. */
class EndpointFinalMinutesTest {
    private static final Duration GRACE = Duration.ofHours(1);
    private static final String ORDERS = "GET /api/v1/orders";

    private static List<Request> tenMinutes(Random random) {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            Instant time = T0.plusMillis((long) (random.nextDouble() * Duration.ofMinutes(10).toMillis()));
            int status = random.nextInt(100) < 4 ? 500 : 200;
            double duration = Math.round(Math.exp(3 + random.nextGaussian()) * 1000) / 1000.0;
            String path = random.nextInt(4) == 0 ? "/api/v1/pay" : "/api/v1/orders";
            requests.add(new Request("cust_" + random.nextInt(5), time, status, duration, null, "GET", path));
        }
        requests.sort(Comparator.comparing(Request::time));
        return requests;
    }

    private static Map<String, EndpointMetrics> byEndpointAndMinute(List<EndpointMetrics> rows) {
        return rows.stream().collect(Collectors.toMap(row -> row.endpoint() + "@" + row.windowStart(), Function.identity(),
                (a, b) -> {
                    throw new AssertionError("two final rows for " + a.endpoint() + " at " + a.windowStart());
                }, TreeMap::new));
    }

    @Test
    void aMinuteIsSentOnlyOnceItsEndPlusGraceHasPassed() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(new Request("a", T0.plusSeconds(10), 200, 12, null, "GET", "/api/v1/orders"));
            driver.advanceStreamTimeTo(T0.plus(Duration.ofMinutes(1)).plus(GRACE).minusMillis(1));
            driver.advanceWallClock(Duration.ofSeconds(1)); // the watermark period: progress smaller than a step is sent now
            assertEquals(List.of(), driver.readEndpointMinutes(), "still within grace");

            driver.advanceStreamTimeTo(T0.plus(Duration.ofMinutes(1)).plus(GRACE));
            driver.advanceWallClock(Duration.ofSeconds(1));
            List<EndpointMetrics> rows = driver.readEndpointMinutes();
            assertEquals(1, rows.size());
            assertEquals(ORDERS, rows.get(0).endpoint());
            assertEquals(T0.toString(), rows.get(0).windowStart());
            assertEquals(1, rows.get(0).count());

            driver.advanceStreamTimeTo(T0.plus(Duration.ofMinutes(30)).plus(GRACE));
            assertEquals(List.of(), driver.readEndpointMinutes(), "a minute is sent once");
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {5L, 17L})
    void finalRowsEqualExactValuesAndDoNotDependOnArrivalOrderWithinGrace(long seed) {
        Random random = new Random(seed);
        List<Request> sorted = tenMinutes(random);
        List<Request> shuffled = new ArrayList<>(sorted);
        java.util.Collections.shuffle(shuffled, random); // all within 10 minutes: far inside the 1 h grace
        Instant closeAll = T0.plus(Duration.ofMinutes(10)).plus(GRACE);

        Map<String, EndpointMetrics> inOrder;
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(sorted);
            driver.advanceStreamTimeTo(closeAll);
            inOrder = byEndpointAndMinute(driver.readEndpointMinutes());
        }
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(shuffled);
            driver.advanceStreamTimeTo(closeAll);
            assertEquals(inOrder, byEndpointAndMinute(driver.readEndpointMinutes()), "seed=" + seed);
        }

        assertEquals(20, inOrder.size(), "two endpoints × ten minutes, seed=" + seed);
        for (int minute = 0; minute < 10; minute++) {
            Instant start = T0.plus(Duration.ofMinutes(minute));
            List<Request> exact = sorted.stream().filter(r -> r.path().equals("/api/v1/orders")
                    && !r.time().isBefore(start) && r.time().isBefore(start.plus(Duration.ofMinutes(1)))).toList();
            EndpointMetrics row = inOrder.get(ORDERS + "@" + start);
            assertEquals(exact.size(), row.count(), "seed=" + seed + " minute " + minute);
            assertEquals(exact.stream().filter(r -> r.status() >= 500).count(), row.errors5xx());
            double[] durations = exact.stream().mapToDouble(Request::durationMs).toArray();
            assertWithinRelative(nearestRank(durations, 0.95), row.p95(), 0.01, "seed=" + seed + " minute " + minute + " p95");
        }
    }
}
