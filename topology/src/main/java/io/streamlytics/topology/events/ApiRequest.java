package io.streamlytics.topology.events;

/** One API request served (topic api-requests), validated and normalised. */
public record ApiRequest(long timestamp, String customerId, String method, String path, int statusCode,
                         double durationMs, String requestId) {

    /** A request failed when the server answered 5xx. */
    public boolean failed() {
        return statusCode >= 500;
    }

    public boolean clientError() {
        return statusCode >= 400 && statusCode < 500;
    }

    public boolean success() {
        return !failed() && !clientError();
    }

    /** The endpoint of a request is {@code METHOD path}, e.g. {@code GET /api/v1/orders}. */
    public String endpoint() {
        return method + " " + path;
    }
}
