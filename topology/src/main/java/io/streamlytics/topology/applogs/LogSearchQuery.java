package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.LogLevel;

import java.time.Instant;
import java.util.function.BiPredicate;

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
    /** The longest {@code text} a search takes. */
    public static final int MAX_TEXT_LENGTH = 256;

    /** The newest timestamp this page can hold. */
    public Instant upTo() {
        return after == null || to.toEpochMilli() < after.timestamp() ? to : Instant.ofEpochMilli(after.timestamp());
    }

    /** This query's test of a line; its text's search table is made once, not for every line read. */
    public BiPredicate<LogPosition, AppLog> matcher() {
        CaseFoldedText needle = text == null ? null : new CaseFoldedText(text);
        return (position, log) -> (after == null || position.compareTo(after) < 0)
                && (minLevel == null || log.level().atLeast(minLevel))
                && (service == null || service.equals(log.service()))
                && (needle == null || needle.occursIn(log.message()));
    }
}
