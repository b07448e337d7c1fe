package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;
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

import static io.streamlytics.topology.support.ApiRequestsTestDriver.T0;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.assertWithinRelative;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.nearestRank;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointMetricsTest {
    private static final String ORDERS = "GET /api/v1/orders";
    private static final String PAY = "POST /api/v1/pay";

    private static Request orders(String customer, Instant time, int status, double durationMs) {
        return new Request(customer, time, status, durationMs, null, "GET", "/api/v1/orders");
    }

    private static Request pay(String customer, Instant time, int status, double durationMs) {
        return new Request(customer, time, status, durationMs, null, "post", "/api/v1/pay");
    }

    /** An hour of one endpoint's requests from several customers, durations log-normal, some 4xx and 5xx. */
    private static List<Request> hourOfRequests(Random random) {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            Instant time = T0.plusMillis((long) (random.nextDouble() * Duration.ofHours(1).toMillis()));
            int roll = random.nextInt(100);
            int status = roll < 3 ? 503 : roll < 8 ? 404 : 200;
            double duration = Math.round(Math.exp(3 + random.nextGaussian()) * 1000) / 1000.0;
            requests.add(orders("cust_" + random.nextInt(7), time, status, duration));
        }
        requests.sort(Comparator.comparing(Request::time));
        return requests;
    }

    private static EndpointMetrics row(ApiRequestsTestDriver driver, TimeWindow window, String endpoint, Instant start) {
        WindowStore<String, EndpointWindowAggregate> store = driver.driver().getWindowStore(EndpointMetricsPipeline.store(window));
        EndpointWindowAggregate aggregate = store.fetch(endpoint, start.toEpochMilli());
        return aggregate == null ? null : aggregate.toRow(endpoint, window, start.toEpochMilli());
    }

    private static Map<String, EndpointWindowAggregate> all(ApiRequestsTestDriver driver, TimeWindow window) {
        WindowStore<String, EndpointWindowAggregate> store = driver.driver().getWindowStore(EndpointMetricsPipeline.store(window));
        Map<String, EndpointWindowAggregate> all = new TreeMap<>();
        try (var iterator = store.all()) {
            while (iterator.hasNext()) {
                KeyValue<Windowed<String>, EndpointWindowAggregate> next = iterator.next();
                all.put(next.key.key() + "@" + Instant.ofEpochMilli(next.key.window().start()), next.value);
            }
        }
        return all;
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 42L, 20240903L})
    void aMinuteWindowEqualsWhatItsOwnEventsGiveExactly(long seed) {
        List<Request> requests = hourOfRequests(new Random(seed));
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(requests);
            for (int minute : new int[] {0, 17, 59}) {
                Instant start = T0.plus(Duration.ofMinutes(minute));
                List<Request> inWindow = requests.stream()
                        .filter(r -> !r.time().isBefore(start) && r.time().isBefore(start.plus(Duration.ofMinutes(1)))).toList();
                double[] durations = inWindow.stream().mapToDouble(Request::durationMs).sorted().toArray();
                long errors5xx = inWindow.stream().filter(r -> r.status() >= 500).count();
                EndpointMetrics row = row(driver, TimeWindow.ONE_MINUTE, ORDERS, start);
                String context = "seed=" + seed + " minute=" + minute;
                assertEquals(inWindow.size(), row.count(), context);
                assertEquals(inWindow.size() / 60.0, row.rps(), 1e-9, context);
                assertEquals(inWindow.stream().filter(r -> r.status() >= 400 && r.status() < 500).count(), row.errors4xx(), context);
                assertEquals(errors5xx, row.errors5xx(), context);
                assertEquals((double) errors5xx / inWindow.size(), row.errorRate(), 1e-12, context);
                assertEquals(durations[0], row.min(), 0.0, context);
                assertEquals(durations[durations.length - 1], row.max(), 0.0, context);
                assertEquals(java.util.Arrays.stream(durations).sum() / durations.length, row.avg(), 1e-6, context);
                assertWithinRelative(nearestRank(durations, 0.95), row.p95(), 0.01, context + " p95");
                assertWithinRelative(nearestRank(durations, 0.99), row.p99(), 0.01, context + " p99");
                assertEquals(start.plus(Duration.ofMinutes(1)).toString(), row.windowEnd());
            }
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {7L, 99L})
    void anHourRowEqualsTheMergeOfItsMinuteRows(long seed) {
        List<Request> requests = hourOfRequests(new Random(seed));
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(requests);
            EndpointWindowAggregate merged = new EndpointWindowAggregate();
            all(driver, TimeWindow.ONE_MINUTE).values().forEach(merged::merge);
            EndpointMetrics fromMinutes = merged.toRow(ORDERS, TimeWindow.ONE_HOUR, T0.toEpochMilli());
            EndpointMetrics hour = row(driver, TimeWindow.ONE_HOUR, ORDERS, T0);
            assertEquals(requests.size(), hour.count(), "seed=" + seed);
            assertEquals(hour, fromMinutes, "seed=" + seed);
            double[] durations = requests.stream().mapToDouble(Request::durationMs).sorted().toArray();
            assertWithinRelative(nearestRank(durations, 0.99), hour.p99(), 0.01, "seed=" + seed + " p99 of the hour");
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3L, 11L})
    void outOfOrderWithinGraceChangesNothing(long seed) {
        Random random = new Random(seed);
        List<Request> sorted = hourOfRequests(random);
        // each event delayed by up to 59 minutes: less than the 1 h grace of endpoint windows
        record Delayed(Request request, long arrival) {
        }
        List<Request> shuffled = sorted.stream()
                .map(r -> new Delayed(r, r.time().toEpochMilli() + (long) (random.nextDouble() * Duration.ofMinutes(59).toMillis())))
                .sorted(Comparator.comparingLong(Delayed::arrival)).map(Delayed::request).toList();
        Map<String, EndpointMetrics> inOrder;
        Map<String, EndpointMetrics> outOfOrder;
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(sorted);
            inOrder = rows(driver);
        }
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipeAll(shuffled);
            outOfOrder = rows(driver);
            assertEquals(List.of(), driver.readEndpointLateEvents(), "seed=" + seed);
        }
        assertEquals(inOrder, outOfOrder, "seed=" + seed);
    }

    private static Map<String, EndpointMetrics> rows(ApiRequestsTestDriver driver) {
        Map<String, EndpointMetrics> rows = new TreeMap<>();
        for (TimeWindow window : TimeWindow.values()) {
            all(driver, window).forEach((key, aggregate) -> rows.put(window.label() + " " + key,
                    aggregate.toRow(key.substring(0, key.indexOf('@')), window, Instant.parse(key.substring(key.indexOf('@') + 1)).toEpochMilli())));
        }
        return rows;
    }

    @Test
    void endpointsAreMethodAndPathAndKeptApart() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(orders("a", T0.plusSeconds(1), 200, 10));
            driver.pipe(pay("b", T0.plusSeconds(2), 500, 30));
            driver.pipe(pay("c", T0.plusSeconds(3), 200, 50));
            assertEquals(1, row(driver, TimeWindow.ONE_MINUTE, ORDERS, T0).count());
            EndpointMetrics pay = row(driver, TimeWindow.ONE_MINUTE, PAY, T0);
            assertEquals(2, pay.count());
            assertEquals(0.5, pay.errorRate(), 0.0);
            assertEquals("1m", pay.window());
        }
    }

    @Test
    void anEventLateForItsMinuteButNotItsHourOrDayCountsWhereItIsOnTime() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(orders("a", T0.plus(Duration.ofMinutes(5)), 200, 10));
            // stream time moves to 01:10: the 00:05 minute closed at 01:06, the 00:00 hour closes at 02:00
            driver.pipe(orders("a", T0.plus(Duration.ofMinutes(70)), 200, 10));
            driver.pipe(orders("a", T0.plus(Duration.ofMinutes(5)).plusSeconds(30), 500, 99));

            assertEquals(1, row(driver, TimeWindow.ONE_MINUTE, ORDERS, T0.plus(Duration.ofMinutes(5))).count());
            EndpointMetrics hour = row(driver, TimeWindow.ONE_HOUR, ORDERS, T0);
            assertEquals(2, hour.count());
            assertEquals(1, hour.errors5xx());
            assertEquals(3, driver.storeRow("a", T0).successRequests() + driver.storeRow("a", T0).failedRequests());

            var late = driver.readEndpointLateEvents();
            assertEquals(1, late.size());
            String reason = ApiRequestsTestDriver.header(late.get(0), io.streamlytics.topology.admission.ErrorHeaders.REASON);
            assertTrue(reason.contains("1m endpoint window"), reason);
            assertEquals("late-endpoint-1m", ApiRequestsTestDriver.header(late.get(0), io.streamlytics.topology.admission.ErrorHeaders.EXCEPTION));
            assertTrue(new String(late.get(0).value()).contains("\"status_code\":500"));
            assertEquals(List.of(), driver.readLateEvents(), "on time for its day");
        }
    }

    @Test
    void duplicatesCountOnceInEndpointWindowsToo() {
        try (var driver = new ApiRequestsTestDriver()) {
            var request = new Request("a", T0.plusSeconds(5), 200, 10, "r-1", "GET", "/api/v1/orders");
            driver.pipe(request);
            driver.pipe(request);
            assertEquals(1, row(driver, TimeWindow.ONE_MINUTE, ORDERS, T0).count());
            assertNull(row(driver, TimeWindow.ONE_MINUTE, ORDERS, T0.plusSeconds(60)));
        }
    }
}
