package io.streamlytics.topology.apirequests.anomalies;

/**
 * When a closed 1-minute endpoint window is an anomaly (contract, sections 2 and 6).
 *
 * @param k                  standard deviations above the baseline mean that flag a window
 * @param minRequests        fewest requests a window needs to be judged at all
 * @param minBaselineWindows fewest earlier windows the baseline needs before it flags anything
 */
public record AnomalySettings(double k, long minRequests, int minBaselineWindows) {
    public static AnomalySettings defaults() {
        return new AnomalySettings(2.0, 20, 10);
    }

    public AnomalySettings {
        if (!(k > 0) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("anomaly-k must be a number above zero, got " + k);
        }
        if (minRequests < 1) {
            throw new IllegalArgumentException("anomaly-min-requests must be at least 1, got " + minRequests);
        }
        if (minBaselineWindows < 2) {
            throw new IllegalArgumentException("anomaly-min-baseline-windows must be at least 2, got " + minBaselineWindows);
        }
    }
}
