package io.streamlytics.topology.flyer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One user's time on flyers, as the HTTP API answers it and as written to flyer-time. */
@JsonPropertyOrder({"user_id", "sessions", "total_seconds", "avg_time_on_flyer_per_user_hours", "abandoned", "orphans"})
public record UserFlyerTime(
        @JsonProperty("user_id") String userId,
        @JsonProperty("sessions") long sessions,
        @JsonProperty("total_seconds") double totalSeconds,
        @JsonProperty("avg_time_on_flyer_per_user_hours") double avgTimeOnFlyerPerUserHours,
        @JsonProperty("abandoned") long abandoned,
        @JsonProperty("orphans") long orphans) {

    public static UserFlyerTime of(String userId, FlyerCounts counts) {
        double totalSeconds = counts.totalMs() / 1000.0;
        double avgHours = counts.sessions() == 0 ? 0.0 : round(totalSeconds / counts.sessions() / 3600, 2);
        return new UserFlyerTime(userId, counts.sessions(), totalSeconds, avgHours, counts.abandoned(), counts.orphans());
    }

    public static double round(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
