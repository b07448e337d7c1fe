package io.streamlytics.app.http;

/** A failure with its HTTP status and a stable error code, answered as {@code {"error":{"code","message"}}}. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badParameter(String name, String expected, String got) {
        return new ApiException(400, "bad_parameter", "parameter '" + name + "' must be " + expected + ", got '" + got + "'");
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException unavailable(String code, String message) {
        return new ApiException(503, code, message, 1);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
