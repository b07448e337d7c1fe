package io.streamlytics.topology.apirequests.anomalies;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One metric of a minute above its baseline.
 *
 * @param threshold baseline mean plus k times the standard deviation used (never below its floor)
 */
public record Breach(@JsonProperty("metric") String metric,
                     @JsonProperty("value") double value,
                     @JsonProperty("baseline_mean") double baselineMean,
                     @JsonProperty("baseline_stddev") double baselineStddev,
                     @JsonProperty("threshold") double threshold) {
}
