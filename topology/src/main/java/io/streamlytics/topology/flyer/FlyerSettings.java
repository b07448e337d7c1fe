package io.streamlytics.topology.flyer;

import java.time.Duration;

/**
 * Settings of the user-events (flyer) pipeline.
 *
 * @param maxSessionLength longest time from a flyer_open to its flyer_close that is still one session
 */
public record FlyerSettings(Duration maxSessionLength) {
    public static FlyerSettings defaults() {
        return new FlyerSettings(Duration.ofHours(4));
    }

    public FlyerSettings {
        if (maxSessionLength == null || maxSessionLength.isNegative() || maxSessionLength.isZero()) {
            throw new IllegalArgumentException("max-session-length must be more than zero, got " + maxSessionLength);
        }
    }
}
