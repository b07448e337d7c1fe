package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.assertWithinRelative;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.nearestRank;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Contract section 6: p50/p99 within 1% relative of the nearest-rank value (the ⌈q·n⌉-th smallest). */
class PercentilesIntegrationTest {
    private static final double BOUND = 0.01;

    enum Shape {
        /** Typical latency: log-normal around 40 ms with a long tail. */
        LOG_NORMAL {
            double next(Random r) {
                return Math.exp(Math.log(40) + 0.9 * r.nextGaussian());
            }
        },
        UNIFORM {
            double next(Random r) {
                return 1 + r.nextDouble() * 999;
            }
        },
        /** Fast cache hits and slow misses: p50 and p99 in different modes. */
        BIMODAL {
            double next(Random r) {
                return r.nextDouble() < 0.7 ? 2 + r.nextDouble() * 3 : 800 + r.nextDouble() * 400;
            }
        },
        /** Whole milliseconds with many ties, including zero. */
        INTEGER_TIES {
            double next(Random r) {
                return r.nextInt(50);
            }
        };

        abstract double next(Random r);
    }

    static Stream<Arguments> seeds() {
        long[] seeds = {1L, 42L, 20240903L, -5L};
        return Arrays.stream(Shape.values()).flatMap(shape -> Arrays.stream(seeds).mapToObj(seed -> Arguments.of(shape, seed)));
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("seeds")
    void p50AndP99WithinOnePercentOfNearestRank(Shape shape, long seed) {
        Random random = new Random(seed);
        int n = 2000 + random.nextInt(2000);
        double[] durations = new double[n];
        try (var driver = new ApiRequestsTestDriver()) {
            for (int i = 0; i < n; i++) {
                // whole microseconds, as producers send them (the mean is summed in whole microseconds)
                durations[i] = Math.round(shape.next(random) * 1000) / 1000.0;
                // any order within the day; every status counts for the percentiles
                var time = day(0).plusMillis(random.nextInt((int) Duration.ofDays(1).toMillis()));
                int status = random.nextInt(10) == 0 ? 500 : 200;
                driver.pipe(request("c", time, status, durations[i]));
            }
            String where = "shape=" + shape + " seed=" + seed + " n=" + n;
            CustomerDailyStats row = driver.storeRow("c", day(0));
            assertEquals(n, row.successRequests() + row.failedRequests() + row.clientErrors(), where);
            assertWithinRelative(nearestRank(durations, 0.50), row.durationP50(), BOUND, "p50 " + where);
            assertWithinRelative(nearestRank(durations, 0.99), row.durationP99(), BOUND, "p99 " + where);
            assertWithinRelative(Arrays.stream(durations).average().orElseThrow(), row.durationMean(), 1e-9, "mean " + where);

            // the final row written when the day closes carries the same percentiles
            driver.advanceStreamTimeTo(day(1).plus(Duration.ofHours(6)));
            var emitted = driver.readCustomerRows();
            assertEquals(1, emitted.size(), where);
            assertEquals(row, emitted.get(0), where);
        }
    }

    @Test
    void smallSamplesFollowNearestRank() {
        try (var driver = new ApiRequestsTestDriver()) {
            // n = 1: every percentile is the value
            driver.pipe(request("one", day(0).plusSeconds(1), 200, 250));
            // n = 2: p50 is the 1st smallest (⌈1.0⌉), p99 the 2nd (⌈1.98⌉), not an interpolation
            driver.pipe(request("two", day(0).plusSeconds(1), 200, 10));
            driver.pipe(request("two", day(0).plusSeconds(2), 200, 1000));
            // n = 4 with zeros: p50 is the 2nd smallest = 0, p99 the 4th = 5
            for (double d : new double[] {0, 5, 0, 0}) {
                driver.pipe(request("zeros", day(0).plusSeconds(3), 200, d));
            }
            // n = 100: p99 is the 99th smallest, not the maximum
            for (int i = 1; i <= 100; i++) {
                driver.pipe(request("hundred", day(0).plusSeconds(i), 200, i == 100 ? 10_000 : i));
            }
            assertWithinRelative(250, driver.storeRow("one", day(0)).durationP50(), BOUND, "n=1 p50");
            assertWithinRelative(250, driver.storeRow("one", day(0)).durationP99(), BOUND, "n=1 p99");
            assertWithinRelative(10, driver.storeRow("two", day(0)).durationP50(), BOUND, "n=2 p50");
            assertWithinRelative(1000, driver.storeRow("two", day(0)).durationP99(), BOUND, "n=2 p99");
            assertEquals(0.0, driver.storeRow("zeros", day(0)).durationP50(), 0.0, "p50 of 0,0,0,5");
            assertWithinRelative(5, driver.storeRow("zeros", day(0)).durationP99(), BOUND, "p99 of 0,0,0,5");
            assertWithinRelative(50, driver.storeRow("hundred", day(0)).durationP50(), BOUND, "n=100 p50");
            assertWithinRelative(99, driver.storeRow("hundred", day(0)).durationP99(), BOUND, "n=100 p99");
        }
    }
}
