package io.streamlytics.app.http;

import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Parsing of query parameters; every failure names the parameter and what was expected. */
public final class QueryParams {
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

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter(name, "a date, YYYY-MM-DD", value);
        }
    }
}
