package io.streamlytics.topology.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/** An app log line in the contract's field names, with every other field it came with: as search answers it. */
public final class AppLogJson {
    private AppLogJson() {
    }

    public static ObjectNode write(AppLog log) {
        ObjectNode json = EventJson.MAPPER.createObjectNode();
        json.put("timestamp", Instant.ofEpochMilli(log.timestamp()).toString());
        json.put("app", log.app());
        json.put("service", log.service());
        json.put("level", log.level().name());
        json.put("message", log.message());
        if (log.otherFields() != null) {
            try {
                json.setAll((ObjectNode) EventJson.MAPPER.readTree(log.otherFields()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("other fields are written by the parser as a JSON object", e);
            }
        }
        return json;
    }
}
