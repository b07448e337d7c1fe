package io.streamlytics.topology.applogs;

import java.time.Duration;

/**
 * Settings of the app-logs pipeline.
 *
 * @param searchRetention how long log lines stay searchable
 */
public record AppLogSettings(Duration searchRetention) {
    public static AppLogSettings defaults() {
        return new AppLogSettings(Duration.ofHours(24));
    }

    public AppLogSettings {
        if (searchRetention == null || searchRetention.isNegative() || searchRetention.isZero()) {
            throw new IllegalArgumentException("log-retention must be more than zero, got " + searchRetention);
        }
    }
}
