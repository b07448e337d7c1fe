package io.streamlytics.topology.apirequests.anomalies;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/** An endpoint's closed minute whose p95 latency or 5xx rate is above its baseline; as answered and as written to anomalies. */
@JsonPropertyOrder({"endpoint", "window_start", "window_end", "count", "breaches"})
public record Anomaly(@JsonProperty("endpoint") String endpoint,
                      @JsonProperty("window_start") String windowStart,
                      @JsonProperty("window_end") String windowEnd,
                      @JsonProperty("count") long count,
                      @JsonProperty("breaches") List<Breach> breaches) {
}
