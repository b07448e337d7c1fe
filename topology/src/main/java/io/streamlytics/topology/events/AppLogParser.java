package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;

import static io.streamlytics.topology.events.EventJson.optionalText;
import static io.streamlytics.topology.events.EventJson.requiredText;

/**
 * app-logs: required fields, defaults and aliases as in the contract, section 1. A line without a
 * timestamp takes the time it was received: over HTTP the time of ingest, read from the topic the
 * Kafka record's timestamp (which HTTP ingest sets to the time of ingest too).
 */
public final class AppLogParser implements EventParser<AppLog> {
    /** Messages carry stack traces: far longer than names and ids may be. */
    public static final int MAX_MESSAGE_LENGTH = 65_536;
    private static final Set<String> OWN_FIELDS = Set.of("timestamp", "app", "service", "level", "message", "metadata", "metadata_");

    @Override
    public AppLog parse(JsonNode json, long nowMs) throws InvalidEventException {
        return parse(json, nowMs, nowMs);
    }

    @Override
    public AppLog parse(JsonNode json, long nowMs, long receivedAtMs) throws InvalidEventException {
        EventJson.requireObject(json);
        long timestamp = EventTime.optional(json, "timestamp", nowMs, receivedAtMs);
        String app = requiredText(json, "app");
        String service = optionalText(json, "service");
        LogLevel level = level(json);
        String message = requiredText(json, MAX_MESSAGE_LENGTH, "message");
        return new AppLog(timestamp, app, service == null || service.isBlank() ? app : service, level, message, otherFields(json));
    }

    private static LogLevel level(JsonNode json) throws InvalidEventException {
        String text = requiredText(json, "level");
        var level = LogLevel.named(text);
        if (level.isEmpty()) {
            String shown = text.length() > 20 ? text.substring(0, 20) + "…" : text;
            throw InvalidEventException.badField("level", "field 'level' must be one of TRACE, DEBUG, INFO, WARN (or WARNING),"
                    + " ERROR, FATAL, got \"" + shown + "\"");
        }
        return level.get();
    }

    /** trace_id, metadata (also sent as metadata_) and any unknown field, kept for search results. */
    private static String otherFields(JsonNode json) throws InvalidEventException {
        ObjectNode other = EventJson.MAPPER.createObjectNode();
        JsonNode metadata = EventJson.field(json, "metadata", "metadata_");
        if (metadata != null) {
            if (!metadata.isObject()) {
                throw InvalidEventException.badField("metadata", "field 'metadata' must be an object, got " + EventJson.describe(metadata));
            }
            other.set("metadata", metadata);
        }
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (!OWN_FIELDS.contains(field.getKey())) {
                other.set(field.getKey(), field.getValue());
            }
        }
        // one reason code for every kept field, so that odd field names cannot multiply the /quality reasons
        if (!EventJson.isWellFormed(other.toString())) {
            throw InvalidEventException.badField("other_fields", "a kept field (metadata, trace_id or another) is not valid"
                    + " Unicode text: it holds a lone surrogate");
        }
        return other.isEmpty() ? null : other.toString();
    }
}
