package io.streamlytics.topology.events;

import java.util.Locale;
import java.util.Optional;

/** Severity of an app log line, lowest first. */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** Case-insensitive; {@code WARNING} means {@link #WARN}. */
    public static Optional<LogLevel> named(String name) {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("WARNING")) {
            return Optional.of(WARN);
        }
        for (LogLevel level : values()) {
            if (level.name().equals(upper)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    public boolean atLeast(LogLevel other) {
        return compareTo(other) >= 0;
    }
}
