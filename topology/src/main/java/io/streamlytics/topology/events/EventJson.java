package io.streamlytics.topology.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/** The one JSON mapper for events, and typed field readers whose errors name the field. */
public final class EventJson {
    /** Strict: a record with anything after its JSON value (garbage, a second object) is malformed, not truncated. */
    public static final ObjectMapper MAPPER = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** Longer text is never a valid id, path or name, and would bloat keys and stores. */
    public static final int MAX_TEXT_LENGTH = 4096;

    static {
        // deep nesting is never a valid event: fail fast instead of recursing
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private EventJson() {
    }

    public static JsonNode readTree(byte[] raw) throws InvalidEventException {
        if (raw == null || raw.length == 0) {
            throw new InvalidEventException("empty_record", "empty record: expected a JSON object");
        }
        try {
            return MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("malformed_json", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException("malformed_json", "unreadable record: " + e.getMessage());
        }
    }

    public static JsonNode requireObject(JsonNode json) throws InvalidEventException {
        if (json == null || !json.isObject()) {
            throw new InvalidEventException("not_an_object", "expected a JSON object, got " + describe(json));
        }
        return json;
    }

    /** The first present, non-null field among a name and its aliases, or null. */
    public static JsonNode field(JsonNode json, String... names) {
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
    }

    public static String requiredText(JsonNode json, String... names) throws InvalidEventException {
        return requiredText(json, MAX_TEXT_LENGTH, names);
    }

    public static String requiredText(JsonNode json, int maxLength, String... names) throws InvalidEventException {
        String text = optionalText(json, maxLength, names);
        if (text == null) {
            throw InvalidEventException.missingField(names[0]);
        }
        if (text.isBlank()) {
            throw InvalidEventException.badField(names[0], "field '" + names[0] + "' must not be empty");
        }
        return text;
    }

    public static String optionalText(JsonNode json, String... names) throws InvalidEventException {
        return optionalText(json, MAX_TEXT_LENGTH, names);
    }

    public static String optionalText(JsonNode json, int maxLength, String... names) throws InvalidEventException {
        JsonNode value = field(json, names);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw InvalidEventException.badField(names[0], "field '" + names[0] + "' must be a string, got " + describe(value));
        }
        String text = value.asText();
        if (text.length() > maxLength) {
            throw InvalidEventException.badField(names[0], "field '" + names[0] + "' is longer than " + maxLength + " characters");
        }
        requireWellFormed(names[0], text);
        return text;
    }

    /**
     * JSON may escape half of a UTF-16 surrogate pair ({@code "\\ud800"}), which is no character: UTF-8
     * cannot hold it, so a store or topic would silently turn it into '?'. Such text is refused.
     */
    public static void requireWellFormed(String field, String text) throws InvalidEventException {
        if (!isWellFormed(text)) {
            throw InvalidEventException.badField(field, "field '" + field + "' is not valid Unicode text: it holds a lone surrogate");
        }
    }

    /** No lone surrogate: every char is a character or half of a complete pair. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static int requiredInt(JsonNode json, String... names) throws InvalidEventException {
        JsonNode value = field(json, names);
        if (value == null) {
            throw InvalidEventException.missingField(names[0]);
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw InvalidEventException.badField(names[0], "field '" + names[0] + "' must be an integer, got " + describe(value));
        }
        return value.intValue();
    }

    public static double requiredNumber(JsonNode json, String... names) throws InvalidEventException {
        JsonNode value = field(json, names);
        if (value == null) {
            throw InvalidEventException.missingField(names[0]);
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw InvalidEventException.badField(names[0], "field '" + names[0] + "' must be a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    /** Longest duration accepted, as the contract documents it: one day. */
    public static final double MAX_DURATION_MS = 86_400_000;

    /** A duration in milliseconds, from 0 to {@link #MAX_DURATION_MS}: beyond, a sum or sketch shared with other events would be corrupted. */
    public static double requiredDurationMs(JsonNode json, String... names) throws InvalidEventException {
        double duration = requiredNumber(json, names);
        if (duration < 0 || duration > MAX_DURATION_MS) {
            throw InvalidEventException.badField(names[0], "field '" + names[0] + "' must be from 0 to " + (long) MAX_DURATION_MS
                    + " (one day, in milliseconds), got " + duration);
        }
        return duration;
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        String type = value.getNodeType().name().toLowerCase();
        String text = value.toString();
        return text.length() > 40 ? type : type + " " + text;
    }
}
