package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.events.ApiRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static io.streamlytics.topology.apirequests.CustomerDayAggregateSerdeTest.DAY_START;
import static io.streamlytics.topology.apirequests.CustomerDayAggregateSerdeTest.event;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.assertWithinRelative;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.nearestRank;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Contract section 2: partial days from different partitions or instances merge without loss; merged
 * percentiles keep the 1% bound.
 */
class CustomerDayAggregateMergeTest {
    private final CustomerDayAggregateSerde serde = new CustomerDayAggregateSerde();

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 2L, 99L, 20240903L})
    void mergeOfPartsEqualsOneBuiltFromAllEvents(long seed) {
        Random random = new Random(seed);
        int n = 3000;
        double[] durations = new double[n];
        var whole = new CustomerDayAggregate();
        var parts = new CustomerDayAggregate[] {new CustomerDayAggregate(), new CustomerDayAggregate(), new CustomerDayAggregate()};
        for (int i = 0; i < n; i++) {
            durations[i] = Math.round(Math.exp(3 + 1.2 * random.nextGaussian()) * 1000) / 1000.0;
            int status = new int[] {200, 201, 404, 429, 500, 503}[random.nextInt(6)];
            ApiRequest event = event(random.nextInt(1440), status, durations[i]);
            whole.add(event, DAY_START);
            parts[random.nextInt(parts.length)].add(event, DAY_START);
        }
        // merge as stored: each part through the store format first
        CustomerDayAggregate merged = serde.deserialize("t", serde.serialize("t", parts[0]));
        merged.merge(serde.deserialize("t", serde.serialize("t", parts[1])));
        merged.merge(parts[2]);

        String where = "seed=" + seed;
        CustomerDailyStats expected = whole.toRow("c", DAY_START);
        CustomerDailyStats actual = merged.toRow("c", DAY_START);
        assertEquals(expected, actual, where + ": merge equals one aggregate over all events, every field");
        assertEquals(n, merged.requests(), where);
        assertWithinRelative(nearestRank(durations, 0.50), actual.durationP50(), 0.01, "merged p50 " + where);
        assertWithinRelative(nearestRank(durations, 0.99), actual.durationP99(), 0.01, "merged p99 " + where);
        assertWithinRelative(java.util.Arrays.stream(durations).average().orElseThrow(), actual.durationMean(), 1e-12,
                "merged mean " + where);

        // merging the other way round gives the same
        CustomerDayAggregate reversed = new CustomerDayAggregate();
        reversed.merge(parts[2]);
        reversed.merge(parts[1]);
        reversed.merge(parts[0]);
        assertEquals(expected, reversed.toRow("c", DAY_START), where + ": merge order");
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {5L, 6L})
    void uptimeMergesByMinuteNotByAveraging(long seed) {
        // one part sees only the failures of a minute, the other only its success: merged, the minute is up
        var failures = new CustomerDayAggregate();
        var successes = new CustomerDayAggregate();
        Random random = new Random(seed);
        int minute = random.nextInt(1440);
        failures.add(event(minute, 500, 1), DAY_START);
        successes.add(event(minute, 200, 1), DAY_START);
        failures.add(event((minute + 1) % 1440, 502, 1), DAY_START);
        assertEquals(0.0, failures.toRow("c", DAY_START).uptimePercentage());
        failures.merge(successes);
        assertEquals(50.0, failures.toRow("c", DAY_START).uptimePercentage(), "seed=" + seed);
    }
}
