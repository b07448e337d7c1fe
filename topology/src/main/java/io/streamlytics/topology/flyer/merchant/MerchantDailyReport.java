package io.streamlytics.topology.flyer.merchant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.streamlytics.topology.flyer.UserFlyerTime;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** One merchant's day, as the HTTP API answers it. Hours to 4 decimals, minutes to 2. */
@JsonPropertyOrder({"merchant_id", "date", "window_start", "window_end", "flyer_opens", "unique_users", "sessions",
        "total_hours", "avg_session_minutes", "top_flyers"})
public record MerchantDailyReport(
        @JsonProperty("merchant_id") String merchantId,
        @JsonProperty("date") String date,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("flyer_opens") long flyerOpens,
        @JsonProperty("unique_users") long uniqueUsers,
        @JsonProperty("sessions") long sessions,
        @JsonProperty("total_hours") double totalHours,
        @JsonProperty("avg_session_minutes") double avgSessionMinutes,
        @JsonProperty("top_flyers") List<TopFlyer> topFlyers) {

    /** A flyer of the day's top ten by time on it. */
    @JsonPropertyOrder({"flyer_id", "sessions", "total_hours"})
    public record TopFlyer(@JsonProperty("flyer_id") String flyerId,
                           @JsonProperty("sessions") long sessions,
                           @JsonProperty("total_hours") double totalHours) {
        static TopFlyer of(String flyerId, long sessions, long totalMs) {
            return new TopFlyer(flyerId, sessions, hours(totalMs));
        }
    }

    static MerchantDailyReport of(String merchantId, long dayStart, long opens, long uniqueUsers, long sessions, long totalMs,
                                  List<TopFlyer> top) {
        Instant start = Instant.ofEpochMilli(dayStart);
        double avgMinutes = sessions == 0 ? 0.0 : UserFlyerTime.round(totalMs / 60_000.0 / sessions, 2);
        return new MerchantDailyReport(merchantId, LocalDate.ofInstant(start, ZoneOffset.UTC).toString(), start.toString(),
                start.plus(Duration.ofDays(1)).toString(), opens, uniqueUsers, sessions, hours(totalMs), avgMinutes, top);
    }

    private static double hours(long ms) {
        return UserFlyerTime.round(ms / 3_600_000.0, 4);
    }
}
