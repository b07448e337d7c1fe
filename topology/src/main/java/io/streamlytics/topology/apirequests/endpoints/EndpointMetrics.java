package io.streamlytics.topology.apirequests.endpoints;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One endpoint in one window, as the HTTP API answers it and as written to endpoint-metrics. */
@JsonPropertyOrder({"endpoint", "window", "window_start", "window_end"})
public record EndpointMetrics(
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("window") String window,
        @JsonProperty("window_start") String windowStart,
        @JsonProperty("window_end") String windowEnd,
        @JsonProperty("count") long count,
        @JsonProperty("rps") double rps,
        @JsonProperty("errors_4xx") long errors4xx,
        @JsonProperty("errors_5xx") long errors5xx,
        @JsonProperty("error_rate") double errorRate,
        @JsonProperty("min") double min,
        @JsonProperty("max") double max,
        @JsonProperty("avg") double avg,
        @JsonProperty("p95") double p95,
        @JsonProperty("p99") double p99) {
}
