package io.streamlytics.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.SparkEventParser;

import java.util.List;
import java.util.Objects;

/**
 * A whole Spark event log posted to {@code /ingest/spark-events}: its lines are tied to the application
 * that its SparkListenerApplicationStart announces, by an {@code app_id} field on every event-log line
 * that has none (the key they are produced with follows from it).
 */
final class SparkEventLogBody {
    private SparkEventLogBody() {
    }

    /** @param events the body's events; null for a line that is not JSON */
    static void tagApplication(List<JsonNode> events) {
        String appId = events.stream().map(SparkEventParser::announcedAppId).filter(Objects::nonNull).findFirst().orElse(null);
        if (appId == null) {
            return;
        }
        for (JsonNode event : events) {
            if (SparkEventParser.isEventLogLine(event) && !event.has(SparkEventParser.APP_ID)) {
                ((ObjectNode) event).put(SparkEventParser.APP_ID, appId);
            }
        }
    }
}
