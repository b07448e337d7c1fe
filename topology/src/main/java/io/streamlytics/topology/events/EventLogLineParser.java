package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static io.streamlytics.topology.events.SparkFields.optionalBoolean;
import static io.streamlytics.topology.events.SparkFields.optionalNonNegativeInt;
import static io.streamlytics.topology.events.SparkFields.requiredId;
import static io.streamlytics.topology.events.SparkFields.requiredObject;

/**
 * One line of Spark's own event log (field {@code "Event"}), field names as Spark writes them. A line
 * without its time (older Spark versions leave some out) takes the time it was received.
 */
final class EventLogLineParser {
    static final String APPLICATION_START = "SparkListenerApplicationStart";
    private static final int MAX_STAGES = 100_000;

    private EventLogLineParser() {
    }

    static SparkEvent parse(JsonNode json, String event, String appId, long nowMs, long receivedAtMs) throws InvalidEventException {
        return switch (event) {
            case APPLICATION_START -> new SparkEvent.AppStart(appId, EventTime.optional(json, "Timestamp", nowMs, receivedAtMs),
                    SimplifiedSparkEventParser.blankAsNull(EventJson.optionalText(json, "User")));
            case SimplifiedSparkEventParser.JOB_START -> new SparkEvent.JobStart(appId, requiredId(json, "Job ID"),
                    EventTime.optional(json, "Submission Time", nowMs, receivedAtMs), null, stageIds(json));
            case SimplifiedSparkEventParser.TASK_END -> taskEnd(json, appId, nowMs, receivedAtMs);
            case SimplifiedSparkEventParser.JOB_END -> new SparkEvent.JobEnd(appId, requiredId(json, "Job ID"),
                    EventTime.optional(json, "Completion Time", nowMs, receivedAtMs), !"JobSucceeded".equals(
                    EventJson.requiredText(requiredObject(json, "Job Result"), "Result")));
            default -> new SparkEvent.Ignored(appId);
        };
    }

    private static SparkEvent.TaskEnd taskEnd(JsonNode json, String appId, long nowMs, long receivedAtMs) throws InvalidEventException {
        int stageId = EventJson.requiredInt(json, "Stage ID");
        JsonNode info = requiredObject(json, "Task Info");
        String taskId = requiredId(info, "Task ID");
        int attempt = optionalNonNegativeInt(info, "Attempt", 0);
        long finish = EventTime.optional(info, "Finish Time", nowMs, receivedAtMs);
        JsonNode launchField = EventJson.field(info, "Launch Time");
        long launch = launchField == null ? -1 : EventTime.optional(info, "Launch Time", nowMs, -1);
        double duration = launch >= 0 && finish >= launch ? finish - launch : -1;
        SparkEvent.Outcome outcome = optionalBoolean(info, "Killed", false) ? SparkEvent.Outcome.KILLED
                : optionalBoolean(info, "Failed", false) ? SparkEvent.Outcome.FAILED : SparkEvent.Outcome.SUCCESS;
        return new SparkEvent.TaskEnd(appId, null, stageId, taskId, attempt, duration, outcome, finish);
    }

    /** "Stage IDs", or the ids in "Stage Infos" when a writer left the plain list out. */
    private static List<Integer> stageIds(JsonNode json) throws InvalidEventException {
        JsonNode ids = EventJson.field(json, "Stage IDs");
        List<Integer> stages = new ArrayList<>();
        if (ids == null) {
            JsonNode infos = EventJson.field(json, "Stage Infos");
            if (infos == null || !infos.isArray()) {
                throw InvalidEventException.missingField("Stage IDs");
            }
            for (JsonNode stage : infos) {
                stages.add(EventJson.requiredInt(stage, "Stage ID"));
            }
        } else {
            if (!ids.isArray() || ids.size() > MAX_STAGES) {
                throw InvalidEventException.badField("Stage IDs", "field 'Stage IDs' must be an array of at most " + MAX_STAGES
                        + " integers, got " + EventJson.describe(ids));
            }
            for (JsonNode id : ids) {
                if (!id.isIntegralNumber() || !id.canConvertToInt()) {
                    throw InvalidEventException.badField("Stage IDs", "field 'Stage IDs' must hold integers, got " + EventJson.describe(id));
                }
                stages.add(id.intValue());
            }
        }
        return List.copyOf(stages);
    }
}
