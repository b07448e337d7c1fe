package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** An api-request written back in the contract's field names, for records that leave the topology as events. */
public final class ApiRequestJson {
    private ApiRequestJson() {
    }

    public static String write(ApiRequest request) {
        ObjectNode json = EventJson.MAPPER.createObjectNode();
        json.put("timestamp", Instant.ofEpochMilli(request.timestamp()).toString());
        json.put("customer_id", request.customerId());
        json.put("method", request.method());
        json.put("request_path", request.path());
        json.put("status_code", request.statusCode());
        json.put("duration_ms", request.durationMs());
        if (request.requestId() != null) {
            json.put("request_id", request.requestId());
        }
        return json.toString();
    }
}
