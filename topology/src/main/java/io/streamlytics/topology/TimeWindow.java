package io.streamlytics.topology;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The tumbling window sizes of per-minute and per-hour metrics (endpoint metrics, app log stats). */
public enum TimeWindow {
    ONE_MINUTE("1m", Duration.ofMinutes(1)),
    ONE_HOUR("1h", Duration.ofHours(1));

    private final String label;
    private final Duration size;

    TimeWindow(String label, Duration size) {
        this.label = label;
        this.size = size;
    }

    public static Optional<TimeWindow> labelled(String label) {
        return Arrays.stream(values()).filter(window -> window.label.equals(label)).findFirst();
    }

    public String label() {
        return label;
    }

    public Duration size() {
        return size;
    }

    /** The name of a pipeline's store of this window size, e.g. {@code endpoint-metrics-1m-store}. */
    public String storeOf(String pipeline) {
        return pipeline + "-" + label + "-store";
    }

    public long startOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, size.toMillis());
    }
}
