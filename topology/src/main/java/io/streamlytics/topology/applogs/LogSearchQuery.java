package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.LogLevel;

import java.time.Instant;

/**
 * A search of one app's lines with timestamps in [from, to], newest first.
 *
 * @param minLevel at least this severity, or null for all
 * @param service  exactly this service, or null for all
 * @param text     a substring of the message, ignoring case, or null
 * @param after    the position of the last line of the previous page, or null for the first page
 */
public record LogSearchQuery(String app, LogLevel minLevel, String service, String text, Instant from, Instant to,
                             LogPosition after, int limit) {

    /** The newest timestamp this page can hold. */
    public Instant upTo() {
        return after == null || to.toEpochMilli() < after.timestamp() ? to : Instant.ofEpochMilli(after.timestamp());
    }

    public boolean matches(LogPosition position, AppLog log) {
        return (after == null || position.compareTo(after) < 0)
                && (minLevel == null || log.level().atLeast(minLevel))
                && (service == null || service.equals(log.service()))
                && (text == null || containsIgnoringCase(log.message(), text));
    }

    private static boolean containsIgnoringCase(String message, String part) {
        for (int i = 0; i <= message.length() - part.length(); i++) {
            if (message.regionMatches(true, i, part, 0, part.length())) {
                return true;
            }
        }
        return false;
    }
}
