package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One endpoint's running baseline of its minutes' p95 latency and 5xx rate, and the judgement of a
 * new minute against it. Only minutes with enough requests count.
 *
 * <p>p95 is judged on a log scale: latencies are skewed, and their logarithm is close to normal,
 * so "k standard deviations" means the same rarity for a fast and a slow endpoint. An anomalous
 * minute enters the baseline clipped to its threshold (winsorized): the spike cannot raise the bar
 * it is judged by by more than k standard deviations over the horizon, while leaving flagged minutes
 * out altogether would shrink the measured spread and flag ever more steady minutes ({@code BaselineTest}).
 *
 * @param windows         minutes taken into the baseline so far
 * @param lastJudgedStart start of the newest minute judged: older ones (corrections) are not judged again
 * @param logP95          of the natural logarithm of p95 in ms
 */
public record Baseline(long windows, long lastJudgedStart, RunningStats logP95, RunningStats errorRate) {
    /** Minutes after which older traffic starts to fade from the baseline: an hour. */
    public static final int HORIZON = 60;
    /** The p95 spread is never taken below 1% (on the log scale): the sketch's own error, and then some. */
    static final double MIN_LOG_P95_STDDEV = 0.01;

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
        double logThreshold = logP95Threshold(settings.k());
        if (log(row.p95()) > logThreshold) {
            breaches.add(new Breach("p95", row.p95(), Math.exp(logP95.mean()), Math.exp(logP95.mean()) * logP95Stddev(),
                    Math.exp(logThreshold)));
        }
        double rateThreshold = errorRateThreshold(settings.k(), row.count());
        // a rate moves in steps of 1/count: half a step is given back (continuity correction) so that
        // one extra error in a small minute is not an anomaly
        double correctedRate = Math.max(0, row.errors5xx() - 0.5) / row.count();
        if (correctedRate > rateThreshold) {
            breaches.add(new Breach("error_rate", row.errorRate(), errorRate.mean(), errorRateStddev(row.count()), rateThreshold));
        }
        return breaches;
    }

    /** The baseline after judging {@code row}; an anomalous row enters clipped to the thresholds it broke. */
    public Baseline after(EndpointMetrics row, AnomalySettings settings, boolean anomalous) {
        double logValue = log(row.p95());
        double rate = row.errorRate();
        if (anomalous) {
            logValue = Math.min(logValue, logP95Threshold(settings.k()));
            rate = Math.min(rate, errorRateThreshold(settings.k(), row.count()));
        }
        return new Baseline(windows + 1, startOf(row), logP95.plus(logValue, windows, HORIZON),
                errorRate.plus(rate, windows, HORIZON));
    }

    private double logP95Stddev() {
        return Math.max(logP95.stddev(), MIN_LOG_P95_STDDEV);
    }

    private double logP95Threshold(double k) {
        return logP95.mean() + k * logP95Stddev();
    }

    /** Never below the binomial spread of the baseline rate at this minute's count: the least spread that means anything. */
    private double errorRateStddev(long count) {
        double expected = Math.min(Math.max(errorRate.mean(), 1.0 / count), 1 - 1.0 / count);
        return Math.max(errorRate.stddev(), Math.sqrt(expected * (1 - expected) / count));
    }

    private double errorRateThreshold(double k, long count) {
        return errorRate.mean() + k * errorRateStddev(count);
    }

    /** Durations of 0 ms happen; a microsecond floor keeps the logarithm finite. */
    private static double log(double millis) {
        return Math.log(Math.max(millis, 0.001));
    }

    private static long startOf(EndpointMetrics row) {
        return Instant.parse(row.windowStart()).toEpochMilli();
    }
}
