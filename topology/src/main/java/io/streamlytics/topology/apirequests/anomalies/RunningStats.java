package io.streamlytics.topology.apirequests.anomalies;

/**
 * Mean and variance of one metric over an endpoint's recent minutes. The first {@code horizon}
 * values are weighted equally (Welford's update); after that each new value weighs 1/horizon, so the
 * baseline follows slow drift and forgets old traffic without storing a history.
 */
public record RunningStats(double mean, double variance) {
    public static final RunningStats EMPTY = new RunningStats(0, 0);

    /** @param seen how many values this baseline had already taken in */
    public RunningStats plus(double value, long seen, int horizon) {
        double weight = 1.0 / Math.min(seen + 1, horizon);
        double diff = value - mean;
        double increment = weight * diff;
        return new RunningStats(mean + increment, (1 - weight) * (variance + diff * increment));
    }

    public double stddev() {
        return Math.sqrt(variance);
    }
}
