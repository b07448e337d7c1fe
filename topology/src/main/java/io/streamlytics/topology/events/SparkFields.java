package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

/** Field readers the two spark-events forms share; errors name the field as the contract spells it. */
final class SparkFields {
    /** Ids end up in store keys next to a separator: longer ones are never real ids. */
    static final int MAX_ID_LENGTH = 256;

    private SparkFields() {
    }

    /** An id given as a string or an integer, as text; without '/', which separates an application from its job. */
    static String requiredId(JsonNode json, String field) throws InvalidEventException {
        JsonNode value = EventJson.field(json, field);
        if (value == null) {
            throw InvalidEventException.missingField(field);
        }
        String id;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            id = Long.toString(value.longValue());
        } else if (value.isTextual() && !value.asText().isBlank()) {
            id = value.asText();
        } else {
            throw InvalidEventException.badField(field, "field '" + field + "' must be a non-empty string or an integer, got "
                    + EventJson.describe(value));
        }
        if (id.length() > MAX_ID_LENGTH || id.indexOf('/') >= 0 || id.indexOf('\0') >= 0) {
            throw InvalidEventException.badField(field, "field '" + field + "' must be at most " + MAX_ID_LENGTH
                    + " characters, without '/', got \"" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "\"");
        }
        return id;
    }

    static boolean optionalBoolean(JsonNode json, String field, boolean absent) throws InvalidEventException {
        JsonNode value = EventJson.field(json, field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw InvalidEventException.badField(field, "field '" + field + "' must be true or false, got " + EventJson.describe(value));
        }
        return value.booleanValue();
    }

    static int optionalNonNegativeInt(JsonNode json, String field, int absent) throws InvalidEventException {
        JsonNode value = EventJson.field(json, field);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw InvalidEventException.badField(field, "field '" + field + "' must be an integer >= 0, got " + EventJson.describe(value));
        }
        return value.intValue();
    }

    static JsonNode requiredObject(JsonNode json, String field) throws InvalidEventException {
        JsonNode value = EventJson.field(json, field);
        if (value == null) {
            throw InvalidEventException.missingField(field);
        }
        if (!value.isObject()) {
            throw InvalidEventException.badField(field, "field '" + field + "' must be an object, got " + EventJson.describe(value));
        }
        return value;
    }
}
