package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

import static io.streamlytics.topology.events.SparkFields.optionalBoolean;
import static io.streamlytics.topology.events.SparkFields.optionalNonNegativeInt;
import static io.streamlytics.topology.events.SparkFields.requiredId;

/**
 * spark-events in the earlier service's simplified form: {@code job_id}, {@code event}, {@code timestamp},
 * and per event {@code user}; {@code task_id}, {@code attempt}, {@code duration_ms}, {@code successful}
 * (default true), {@code killed} (default false); {@code completion_time}, {@code job_result}.
 * Other events are accepted and ignored.
 */
final class SimplifiedSparkEventParser {
    static final String JOB_START = "SparkListenerJobStart";
    static final String TASK_END = "SparkListenerTaskEnd";
    static final String JOB_END = "SparkListenerJobEnd";

    private SimplifiedSparkEventParser() {
    }

    static SparkEvent parse(JsonNode json, long nowMs) throws InvalidEventException {
        String event = EventJson.requiredText(json, "event");
        return switch (event) {
            case JOB_START -> new SparkEvent.JobStart(null, requiredId(json, "job_id"), EventTime.required(json, "timestamp", nowMs),
                    blankAsNull(EventJson.optionalText(json, "user")), List.of());
            case TASK_END -> taskEnd(json, nowMs);
            case JOB_END -> jobEnd(json, nowMs);
            default -> new SparkEvent.Ignored(null);
        };
    }

    private static SparkEvent.TaskEnd taskEnd(JsonNode json, long nowMs) throws InvalidEventException {
        String jobId = requiredId(json, "job_id");
        long time = EventTime.required(json, "timestamp", nowMs);
        String taskId = requiredId(json, "task_id");
        int attempt = optionalNonNegativeInt(json, "attempt", 0);
        double duration = -1;
        if (EventJson.field(json, "duration_ms") != null) {
            duration = EventJson.requiredDurationMs(json, "duration_ms");
        }
        boolean successful = optionalBoolean(json, "successful", true);
        boolean killed = optionalBoolean(json, "killed", false);
        SparkEvent.Outcome outcome = killed ? SparkEvent.Outcome.KILLED
                : successful ? SparkEvent.Outcome.SUCCESS : SparkEvent.Outcome.FAILED;
        return new SparkEvent.TaskEnd(null, jobId, -1, taskId, attempt, duration, outcome, time);
    }

    private static SparkEvent.JobEnd jobEnd(JsonNode json, long nowMs) throws InvalidEventException {
        String jobId = requiredId(json, "job_id");
        long time = EventTime.required(json, "timestamp", nowMs);
        long completion = EventTime.optional(json, "completion_time", nowMs, time);
        String result = EventJson.requiredText(json, "job_result");
        return switch (result) {
            case "JobSucceeded" -> new SparkEvent.JobEnd(null, jobId, completion, false);
            case "JobFailed" -> new SparkEvent.JobEnd(null, jobId, completion, true);
            default -> throw InvalidEventException.badField("job_result", "field 'job_result' must be JobSucceeded or JobFailed, got \""
                    + (result.length() > 40 ? result.substring(0, 40) + "…" : result) + "\"");
        };
    }

    static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
