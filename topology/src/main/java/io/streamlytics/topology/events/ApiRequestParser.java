package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

import static io.streamlytics.topology.events.EventJson.optionalText;
import static io.streamlytics.topology.events.EventJson.requiredInt;
import static io.streamlytics.topology.events.EventJson.requiredDurationMs;
import static io.streamlytics.topology.events.EventJson.requiredText;

/** api-requests: required fields, aliases and ranges as in the contract, section 1. */
public final class ApiRequestParser implements EventParser<ApiRequest> {

    @Override
    public ApiRequest parse(JsonNode json, long nowMs) throws InvalidEventException {
        EventJson.requireObject(json);
        long timestamp = EventTime.required(json, "timestamp", nowMs);
        String customerId = requiredText(json, "customer_id");
        String path = requiredText(json, "request_path", "endpoint");
        int status = requiredInt(json, "status_code", "response_code");
        if (status < 100 || status > 599) {
            throw InvalidEventException.badField("status_code", "field 'status_code' must be an HTTP status 100-599, got " + status);
        }
        double duration = requiredDurationMs(json, "duration_ms", "response_time_ms");
        String method = optionalText(json, "method");
        method = method == null || method.isBlank() ? "GET" : method.trim().toUpperCase(Locale.ROOT);
        String requestId = optionalText(json, "request_id");
        return new ApiRequest(timestamp, customerId, method, path, status, duration,
                requestId == null || requestId.isBlank() ? null : requestId);
    }
}
