package io.streamlytics.topology.flyer;

/**
 * What the user-time store keeps per user: the flyer totals, and a bound on when the user was last active
 * (event time), by which a user idle for longer than the retention is forgotten.
 *
 * @param activeUntilMs no event of the user is later than this; {@link #ACTIVITY_UNKNOWN} for a value stored
 *                      before activity was kept here
 */
public record UserTotals(FlyerCounts counts, long activeUntilMs) {
    public static final long ACTIVITY_UNKNOWN = Long.MIN_VALUE;
}
