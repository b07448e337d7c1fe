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
    /** The longest {@code text} a search takes. */
    public static final int MAX_TEXT_LENGTH = 256;

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

    /**
     * Whether {@code part} occurs in {@code message}, ignoring case as {@link String#regionMatches(boolean, int, String,
     * int, int)} does, in time linear in their lengths (Knuth-Morris-Pratt over case-folded characters): a message and a
     * text made to defeat a naive search, such as many {@code a}s against {@code aa…ab}, cost no more than any other.
     */
    static boolean containsIgnoringCase(String message, String part) {
        int m = part.length();
        if (m == 0) {
            return true;
        }
        char[] pattern = new char[m];
        for (int i = 0; i < m; i++) {
            pattern[i] = fold(part.charAt(i));
        }
        int[] fallback = new int[m]; // the longest proper prefix of pattern[0..i] that is also its suffix
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
        for (int i = 0, k = 0; i < message.length(); i++) {
            char c = fold(message.charAt(i));
            while (k > 0 && c != pattern[k]) {
                k = fallback[k - 1];
            }
            if (c == pattern[k] && ++k == m) {
                return true;
            }
        }
        return false;
    }

    /** Two characters are equal ignoring case, as {@code regionMatches} has it, exactly when their folds are equal. */
    private static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }
}
