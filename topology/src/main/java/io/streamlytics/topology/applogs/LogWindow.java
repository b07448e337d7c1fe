package io.streamlytics.topology.applogs;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The two window sizes of app log stats, each with its own store. */
public enum LogWindow {
    ONE_MINUTE("1m", Duration.ofMinutes(1), "app-log-stats-1m-store"),
    ONE_HOUR("1h", Duration.ofHours(1), "app-log-stats-1h-store");

    private final String label;
    private final Duration size;
    private final String store;

    LogWindow(String label, Duration size, String store) {
        this.label = label;
        this.size = size;
        this.store = store;
    }

    public static Optional<LogWindow> labelled(String label) {
        return Arrays.stream(values()).filter(window -> window.label.equals(label)).findFirst();
    }

    public String label() {
        return label;
    }

    public Duration size() {
        return size;
    }

    public String store() {
        return store;
    }

    public long startOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, size.toMillis());
    }
}
