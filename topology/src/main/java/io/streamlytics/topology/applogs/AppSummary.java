package io.streamlytics.topology.applogs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** One app as {@code GET /apps} lists it; first and last seen are event times. */
public record AppSummary(@JsonProperty("app") String app,
                         @JsonProperty("first_seen") String firstSeen,
                         @JsonProperty("last_seen") String lastSeen,
                         @JsonUnwrapped LogCounts counts) {
}
