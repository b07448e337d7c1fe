package io.streamlytics.topology.events;

/**
 * An input record that cannot become an event. The message is the reason shown to users and in dead
 * letters; the code is its stable, countable category (e.g. {@code missing_field:status_code}).
 */
public final class InvalidEventException extends Exception {
    private final String code;

    public InvalidEventException(String code, String reason) {
        super(reason, null, false, false); // expected on bad input: no stack trace to fill
        this.code = code;
    }

    public static InvalidEventException missingField(String field) {
        return new InvalidEventException("missing_field:" + field, "missing required field '" + field + "'");
    }

    /** A present field with a wrong type or an out-of-range value. */
    public static InvalidEventException badField(String field, String reason) {
        return new InvalidEventException("invalid_field:" + field, reason);
    }

    public String code() {
        return code;
    }
}
