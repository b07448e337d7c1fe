package io.streamlytics.topology.applogs;

import io.streamlytics.topology.TimeWindow;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;

/** One app's lines in one window, as {@code GET /apps/{app}/stats} answers it. */
public record AppLogStats(@JsonProperty("app") String app,
                          @JsonProperty("window") String window,
                          @JsonProperty("window_start") String windowStart,
                          @JsonProperty("window_end") String windowEnd,
                          @JsonUnwrapped LogCounts counts) {

    public static AppLogStats of(String app, TimeWindow window, long windowStart, LogCounts counts) {
        return new AppLogStats(app, window.label(), Instant.ofEpochMilli(windowStart).toString(),
                Instant.ofEpochMilli(windowStart + window.size().toMillis()).toString(), counts);
    }
}
