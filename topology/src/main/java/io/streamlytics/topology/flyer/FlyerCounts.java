package io.streamlytics.topology.flyer;

/** One user's flyer figures, or a change to them: timed sessions and their time, abandoned opens, orphan closes. */
public record FlyerCounts(long sessions, long totalMs, long abandoned, long orphans) {
    public static final FlyerCounts ZERO = new FlyerCounts(0, 0, 0, 0);

    public FlyerCounts plus(FlyerCounts other) {
        return new FlyerCounts(sessions + other.sessions, totalMs + other.totalMs, abandoned + other.abandoned,
                orphans + other.orphans);
    }

    public FlyerCounts minus(FlyerCounts other) {
        return new FlyerCounts(sessions - other.sessions, totalMs - other.totalMs, abandoned - other.abandoned,
                orphans - other.orphans);
    }
}
