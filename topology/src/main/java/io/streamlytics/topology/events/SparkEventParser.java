package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;

/**
 * spark-events in either form: a line with {@code "Event"} is one of Spark's own event log, anything
 * else the simplified form. An event-log line belongs to the application named by its {@code app_id}
 * field, else (for SparkListenerApplicationStart) its own {@code "App ID"}, else the record key.
 */
public final class SparkEventParser implements EventParser<SparkEvent> {
    /** The field a producer (or the replay command, or ingest) adds to tie event-log lines to their application. */
    public static final String APP_ID = "app_id";
    public static final String EVENT_LOG_FIELD = "Event";

    @Override
    public SparkEvent parse(JsonNode json, long nowMs) throws InvalidEventException {
        return parse(json, null, nowMs, nowMs);
    }

    @Override
    public SparkEvent parse(JsonNode json, long nowMs, long receivedAtMs) throws InvalidEventException {
        return parse(json, null, nowMs, receivedAtMs);
    }

    @Override
    public SparkEvent parse(byte[] key, byte[] raw, long nowMs, long receivedAtMs) throws InvalidEventException {
        String recordKey = key == null || key.length == 0 ? null : new String(key, StandardCharsets.UTF_8);
        return parse(EventJson.readTree(raw), recordKey, nowMs, receivedAtMs);
    }

    public SparkEvent parse(JsonNode json, String recordKey, long nowMs, long receivedAtMs) throws InvalidEventException {
        EventJson.requireObject(json);
        JsonNode event = EventJson.field(json, EVENT_LOG_FIELD);
        if (event == null) {
            return SimplifiedSparkEventParser.parse(json, nowMs);
        }
        String name = EventJson.requiredText(json, EVENT_LOG_FIELD);
        String appId = appId(json, name, recordKey);
        boolean kept = name.equals(EventLogLineParser.APPLICATION_START) || name.equals(SimplifiedSparkEventParser.JOB_START)
                || name.equals(SimplifiedSparkEventParser.TASK_END) || name.equals(SimplifiedSparkEventParser.JOB_END);
        if (kept && appId == null) {
            throw new InvalidEventException("missing_field:" + APP_ID, "an event-log line needs its application id: a field '"
                    + APP_ID + "' or the record key (the replay command and ingest set both from SparkListenerApplicationStart)");
        }
        return EventLogLineParser.parse(json, name, appId, nowMs, receivedAtMs);
    }

    /** Whether a line is one of Spark's own event log (rather than the simplified form). */
    public static boolean isEventLogLine(JsonNode json) {
        return json != null && json.isObject() && json.has(EVENT_LOG_FIELD);
    }

    /** The application id a SparkListenerApplicationStart line announces; null for any other line. */
    public static String announcedAppId(JsonNode json) {
        if (!isEventLogLine(json) || !EventLogLineParser.APPLICATION_START.equals(json.get(EVENT_LOG_FIELD).asText())) {
            return null;
        }
        JsonNode id = json.get("App ID");
        return id != null && id.isTextual() && !id.asText().isBlank() ? id.asText() : null;
    }

    /** The application id of an event-log line, or null when it has none. */
    private static String appId(JsonNode json, String event, String recordKey) throws InvalidEventException {
        if (EventJson.field(json, APP_ID) != null) {
            return SparkFields.requiredId(json, APP_ID);
        }
        if (event.equals(EventLogLineParser.APPLICATION_START) && EventJson.field(json, "App ID") != null) {
            return SparkFields.requiredId(json, "App ID");
        }
        if (recordKey == null || recordKey.isBlank() || recordKey.length() > SparkFields.MAX_ID_LENGTH || recordKey.indexOf('/') >= 0) {
            return null;
        }
        return recordKey;
    }
}
