package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint's running baseline of its minutes' p95 latency and 5xx rate, and the judgement of a
 * new minute against it. Only minutes with enough requests count; an anomalous minute is kept out of
 * the baseline, so a spike cannot raise the bar it is judged by.
 *
 * @param windows           minutes taken into the baseline so far
 * @param lastJudgedStart   start of the newest minute judged: older ones (corrections) are not judged again
 */
public record Baseline(long windows, long lastJudgedStart, RunningStats p95, RunningStats errorRate) {
    /** Minutes after which older traffic starts to fade from the baseline: an hour. */
    public static final int HORIZON = 60;
    /** A p95 baseline never narrower than this share of its mean: the sketch's own error, and then some. */
    static final double MIN_RELATIVE_P95_STDDEV = 0.01;

    public static final Baseline EMPTY = new Baseline(0, Long.MIN_VALUE, RunningStats.EMPTY, RunningStats.EMPTY);

    /** Whether a final row is new enough and big enough to be judged and learned from. */
    public boolean judges(EndpointMetrics row, AnomalySettings settings) {
        return row.count() >= settings.minRequests() && startOf(row) > lastJudgedStart;
    }

    /** The row's breaches; none while the baseline has seen fewer minutes than required. */
    public List<Breach> breaches(EndpointMetrics row, AnomalySettings settings) {
        List<Breach> breaches = new ArrayList<>();
        if (windows < settings.minBaselineWindows()) {
            return breaches;
        }
        double p95Stddev = Math.max(p95.stddev(), MIN_RELATIVE_P95_STDDEV * p95.mean());
        double p95Threshold = p95.mean() + settings.k() * p95Stddev;
        if (row.p95() > p95Threshold) {
            breaches.add(new Breach("p95", row.p95(), p95.mean(), p95Stddev, p95Threshold));
        }
        // a rate of a few requests moves in steps of 1/count: the binomial spread of the baseline rate
        // at this count is the least spread that means anything, and half a step is given back
        // (continuity correction) so one extra error in a small minute is not an anomaly
        double n = row.count();
        double expected = Math.min(Math.max(errorRate.mean(), 1.0 / n), 1 - 1.0 / n);
        double rateStddev = Math.max(errorRate.stddev(), Math.sqrt(expected * (1 - expected) / n));
        double rateThreshold = errorRate.mean() + settings.k() * rateStddev;
        double correctedRate = Math.max(0, row.errors5xx() - 0.5) / n;
        if (correctedRate > rateThreshold) {
            breaches.add(new Breach("error_rate", row.errorRate(), errorRate.mean(), rateStddev, rateThreshold));
        }
        return breaches;
    }

    /** The baseline after judging {@code row}: learned from only when it was not anomalous. */
    public Baseline after(EndpointMetrics row, boolean anomalous) {
        if (anomalous) {
            return new Baseline(windows, startOf(row), p95, errorRate);
        }
        return new Baseline(windows + 1, startOf(row), p95.plus(row.p95(), windows, HORIZON),
                errorRate.plus(row.errorRate(), windows, HORIZON));
    }

    private static long startOf(EndpointMetrics row) {
        return Instant.parse(row.windowStart()).toEpochMilli();
    }
}
