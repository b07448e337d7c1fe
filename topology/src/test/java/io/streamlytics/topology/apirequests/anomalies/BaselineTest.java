package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.nearestRank;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The detector's judgement over long generated series: how often a steady, noisy endpoint is flagged
 * (false positives) and how often injected degradations are caught, with the default k = 2.
 */
class BaselineTest {
    private static final Instant T0 = Instant.parse("2024-09-03T00:00:00Z");
    private static final AnomalySettings DEFAULTS = AnomalySettings.defaults();
    private static final int MINUTES = 5000;

    enum Kind { STEADY, LATENCY_SPIKE, ERROR_SPIKE }

    /** One minute of a steady endpoint: 20 to 120 requests, log-normal durations around 20 ms, 1% 5xx; or a degraded one. */
    private static EndpointMetrics minute(Random random, int index, Kind kind) {
        int count = 20 + random.nextInt(101);
        double[] durations = new double[count];
        long errors = 0;
        for (int i = 0; i < count; i++) {
            durations[i] = Math.exp(3 + 0.5 * random.nextGaussian()) * (kind == Kind.LATENCY_SPIKE ? 3 : 1);
            if (random.nextDouble() < (kind == Kind.ERROR_SPIKE ? 0.25 : 0.01)) {
                errors++;
            }
        }
        Instant start = T0.plus(Duration.ofMinutes(index));
        return new EndpointMetrics("GET /x", "1m", start.toString(), start.plusSeconds(60).toString(), count, count / 60.0,
                0, errors, (double) errors / count, Arrays.stream(durations).min().orElseThrow(),
                Arrays.stream(durations).max().orElseThrow(), Arrays.stream(durations).average().orElseThrow(),
                nearestRank(durations, 0.95), nearestRank(durations, 0.99));
    }

    private record Rates(double falsePositive, double detection) {
    }

    /** Runs a series with a degraded minute every ~50 minutes (after warm-up) and counts what the detector flags. */
    private static Rates run(long seed, AnomalySettings settings) {
        Random random = new Random(seed);
        Baseline baseline = Baseline.EMPTY;
        int steady = 0;
        int falsePositives = 0;
        int degraded = 0;
        int detected = 0;
        for (int index = 0; index < MINUTES; index++) {
            Kind kind = index > 100 && random.nextInt(50) == 0
                    ? (random.nextBoolean() ? Kind.LATENCY_SPIKE : Kind.ERROR_SPIKE) : Kind.STEADY;
            EndpointMetrics row = minute(random, index, kind);
            assertTrue(baseline.judges(row, settings));
            boolean flagged = !baseline.breaches(row, settings).isEmpty();
            boolean warm = baseline.windows() >= settings.minBaselineWindows();
            baseline = baseline.after(row, settings, flagged);
            if (!warm) {
                continue;
            }
            if (kind == Kind.STEADY) {
                steady++;
                falsePositives += flagged ? 1 : 0;
            } else {
                degraded++;
                detected += flagged ? 1 : 0;
            }
        }
        return new Rates((double) falsePositives / steady, (double) detected / degraded);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void aSteadyNoisyEndpointIsRarelyFlaggedAndDegradationsAreCaught(long seed) {
        Rates atTwo = run(seed, DEFAULTS);
        Rates atThree = run(seed, new AnomalySettings(3, DEFAULTS.minRequests(), DEFAULTS.minBaselineWindows()));
        System.out.printf(Locale.ROOT, "anomaly detector, seed %d, %d minutes: k=2 false positives %.2f%%, detection %.1f%%;"
                        + " k=3 false positives %.2f%%, detection %.1f%%%n", seed, MINUTES,
                atTwo.falsePositive() * 100, atTwo.detection() * 100, atThree.falsePositive() * 100, atThree.detection() * 100);
        assertTrue(atTwo.falsePositive() < 0.05, "seed " + seed + ": k=2 false-positive rate " + atTwo.falsePositive());
        assertTrue(atTwo.detection() > 0.95, "seed " + seed + ": k=2 detection rate " + atTwo.detection());
        assertTrue(atThree.falsePositive() < atTwo.falsePositive(), "seed " + seed + ": a larger k flags less");
    }

    @Test
    void nothingIsFlaggedBeforeTheBaselineHasEnoughMinutes() {
        Random random = new Random(9);
        Baseline baseline = Baseline.EMPTY;
        for (int index = 0; index < DEFAULTS.minBaselineWindows(); index++) {
            EndpointMetrics row = minute(random, index, index == 5 ? Kind.LATENCY_SPIKE : Kind.STEADY);
            assertEquals(java.util.List.of(), baseline.breaches(row, DEFAULTS), "minute " + index);
            baseline = baseline.after(row, DEFAULTS, false);
        }
        assertEquals(DEFAULTS.minBaselineWindows(), baseline.windows());
    }

    @Test
    void howFarASpikeGoesDoesNotMatterToTheBaseline() {
        Random random = new Random(11);
        Baseline baseline = Baseline.EMPTY;
        for (int index = 0; index < 30; index++) {
            baseline = baseline.after(minute(random, index, Kind.STEADY), DEFAULTS, false);
        }
        EndpointMetrics steady = minute(random, 30, Kind.STEADY);
        EndpointMetrics spike = withP95(steady, steady.p95() * 3);
        EndpointMetrics hugeSpike = withP95(steady, steady.p95() * 100);
        assertEquals("p95", baseline.breaches(spike, DEFAULTS).get(0).metric());
        assertEquals("p95", baseline.breaches(hugeSpike, DEFAULTS).get(0).metric());
        assertEquals(baseline.after(spike, DEFAULTS, true), baseline.after(hugeSpike, DEFAULTS, true),
                "a flagged minute enters clipped to its threshold");
        Baseline afterSpike = baseline.after(hugeSpike, DEFAULTS, true);
        assertEquals("p95", afterSpike.breaches(withP95(minute(random, 31, Kind.STEADY), steady.p95() * 3), DEFAULTS).get(0).metric(),
                "the next spike is still flagged");
    }

    private static EndpointMetrics withP95(EndpointMetrics row, double p95) {
        return new EndpointMetrics(row.endpoint(), row.window(), row.windowStart(), row.windowEnd(), row.count(), row.rps(),
                row.errors4xx(), row.errors5xx(), row.errorRate(), row.min(), Math.max(row.max(), p95), row.avg(), p95,
                Math.max(row.p99(), p95));
    }

    @Test
    void smallMinutesAndCorrectionsOfJudgedMinutesAreNotJudged() {
        Random random = new Random(13);
        Baseline baseline = Baseline.EMPTY.after(minute(random, 10, Kind.STEADY), DEFAULTS, false);
        EndpointMetrics earlier = minute(random, 9, Kind.STEADY);
        assertTrue(!baseline.judges(earlier, DEFAULTS), "a minute at or before the last judged one is a correction");
        EndpointMetrics small = new EndpointMetrics("GET /x", "1m", T0.plus(Duration.ofMinutes(11)).toString(),
                T0.plus(Duration.ofMinutes(12)).toString(), DEFAULTS.minRequests() - 1, 0.3, 0, 19, 1.0, 1, 1, 1, 1, 1);
        assertTrue(!baseline.judges(small, DEFAULTS), "fewer requests than the minimum");
    }
}
