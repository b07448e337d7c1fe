package io.streamlytics.topology.flyer;

/** A timed session: an open and the close it is paired with; it belongs to the open's merchant and day. */
public record Session(long openTime, long closeTime, String merchantId) {
    public long durationMs() {
        return closeTime - openTime;
    }
}
