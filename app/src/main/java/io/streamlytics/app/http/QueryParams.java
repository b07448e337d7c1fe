package io.streamlytics.app.http;

import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Parsing of query parameters; every failure names the parameter and what was expected. */
public final class QueryParams {
    /** Query times span years 0 to 9999: beyond ±292 million years they would not fit the milliseconds windows are keyed by. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private QueryParams() {
    }

    public static LocalDate requiredDate(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(400, "missing_parameter", "parameter '" + name + "' is required (a date, YYYY-MM-DD)");
        }
        return date(name, value);
    }

    public static LocalDate optionalDate(Context ctx, String name, LocalDate fallback) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? fallback : date(name, value);
    }

    /** An ISO-8601 time with offset or Z, or a date (its start, UTC); {@code fallback} when absent. */
    public static Instant time(Context ctx, String name, Instant fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant time;
        try {
            time = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                time = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw ApiException.badParameter(name, "an ISO-8601 time (e.g. 2024-09-03T10:00:00Z) or a date (YYYY-MM-DD)", value);
            }
        }
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw ApiException.badParameter(name, "a time from year 0 to 9999", value);
        }
        return time;
    }


    public static int integer(Context ctx, String name, int fallback, int min, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badParameter(name, "an integer from " + min + " to " + max, value);
    }

    /** One of {@code allowed} (case-sensitive), or {@code fallback} when absent. */
    public static String oneOf(Context ctx, String name, String fallback, List<String> allowed) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(value)) {
            throw ApiException.badParameter(name, "one of " + String.join(", ", allowed), value);
        }
        return value;
    }

    public static String required(Context ctx, String name, String what) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new ApiException(400, "missing_parameter", "parameter '" + name + "' is required (" + what + ")");
        }
        return value;
    }

    /** An epoch-milliseconds parameter, as instances send times to each other's internal routes. */
    public static Instant epochMillis(Context ctx, String name) {
        String value = required(ctx, name, "epoch milliseconds");
        try {
            return Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "epoch milliseconds", value);
        }
    }

    /** A windowed query's range: from at or before to, and at most {@code maxWindows} windows of {@code size} apart. */
    public static void requireWindowRange(Instant from, Instant to, Duration size, String label, int maxWindows) {
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "at or before to (" + to + ")", from.toString());
        }
        if (Duration.between(from, to).dividedBy(size) > maxWindows) {
            throw ApiException.badParameter("to", "at most " + maxWindows + " windows of " + label + " after from", to.toString());
        }
    }

    private static LocalDate date(String name, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "a date, YYYY-MM-DD", value);
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw ApiException.badParameter(name, "a date from year 0 to 9999", value);
        }
        return date;
    }
}
