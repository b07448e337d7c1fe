package io.streamlytics.topology.apirequests;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** One customer's day, as the HTTP API answers it and as written to customer-daily-stats. */
@JsonPropertyOrder({"customer_id", "date", "window_start", "window_end"})
public record CustomerDailyStats(
        @JsonProperty("customer_id") String customerId,
        @JsonProperty("date") String date,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("success_requests") long successRequests,
        @JsonProperty("failed_requests") long failedRequests,
        @JsonProperty("client_errors") long clientErrors,
        @JsonProperty("duration_mean") double durationMean,
        @JsonProperty("duration_p50") double durationP50,
        @JsonProperty("duration_p99") double durationP99,
        @JsonProperty("uptime_percentage") double uptimePercentage) {

    static CustomerDailyStats of(String customerId, long dayStart, long success, long failed, long clientErrors,
                                 double mean, double p50, double p99, double uptime) {
        Instant start = Instant.ofEpochMilli(dayStart);
        return new CustomerDailyStats(customerId, LocalDate.ofInstant(start, ZoneOffset.UTC).toString(),
                start.toString(), start.plus(ApiRequestsPipeline.DAY).toString(),
                success, failed, clientErrors, mean, p50, p99, uptime);
    }
}
