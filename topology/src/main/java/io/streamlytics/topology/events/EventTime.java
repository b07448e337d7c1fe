package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Event time as the contract allows it: ISO-8601 with an offset or Z, or epoch milliseconds. */
public final class EventTime {
    /** Timestamps further ahead of the wall clock than this are rejected (contract, section 4). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    /** Later than any clock plus skew, and still a long of milliseconds. */
    private static final Instant LATEST = Instant.ofEpochMilli(Long.MAX_VALUE / 2);

    private EventTime() {
    }

    public static long required(JsonNode json, String field, long nowMs) throws InvalidEventException {
        JsonNode value = EventJson.field(json, field);
        if (value == null) {
            throw InvalidEventException.missingField(field);
        }
        return notInFuture(value, field, nowMs);
    }

    /** The event time in {@code field}, or {@code absentMs} when the event has none. */
    public static long optional(JsonNode json, String field, long nowMs, long absentMs) throws InvalidEventException {
        JsonNode value = EventJson.field(json, field);
        return value == null ? absentMs : notInFuture(value, field, nowMs);
    }

    private static long notInFuture(JsonNode value, String field, long nowMs) throws InvalidEventException {
        long millis = parse(value, field);
        if (millis > nowMs + MAX_CLOCK_SKEW.toMillis()) {
            throw new InvalidEventException("future_timestamp", "field '" + field + "' is " + Instant.ofEpochMilli(millis)
                    + ", more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of the clock ("
                    + Instant.ofEpochMilli(nowMs) + ")");
        }
        return millis;
    }

    static long parse(JsonNode value, String field) throws InvalidEventException {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long millis = value.longValue();
            if (millis < 0) {
                throw InvalidEventException.badField(field, "field '" + field + "' must not be before 1970, got " + millis);
            }
            return millis;
        }
        if (value.isTextual()) {
            Instant instant = IsoInstant.parseCommonShape(value.asText());
            if (instant == null) {
                try {
                    instant = OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                } catch (DateTimeParseException e) {
                    throw InvalidEventException.badField(field, "field '" + field + "' must be ISO-8601 with an offset or Z"
                            + " (e.g. 2025-05-22T15:00:00Z) or epoch milliseconds, got \"" + abbreviate(value.asText()) + "\"");
                }
            }
            // the contract's range, and what a long of milliseconds holds: years beyond ±292 million would overflow it
            if (instant.isBefore(Instant.EPOCH)) {
                throw InvalidEventException.badField(field, "field '" + field + "' must not be before 1970, got \"" + abbreviate(value.asText()) + "\"");
            }
            if (instant.isAfter(LATEST)) {
                throw new InvalidEventException("future_timestamp", "field '" + field + "' is " + abbreviate(value.asText())
                        + ", more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of the clock");
            }
            return instant.toEpochMilli();
        }
        throw InvalidEventException.badField(field, "field '" + field + "' must be an ISO-8601 string or epoch milliseconds, got "
                + EventJson.describe(value));
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
