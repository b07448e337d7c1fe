package io.streamlytics.topology.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link SparkEventParser} on its own: both forms, application ids, and the reason codes of bad lines. */
class SparkEventParserTest {
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private final SparkEventParser parser = new SparkEventParser();

    private SparkEvent parse(String key, String json) throws InvalidEventException {
        return parser.parse(key == null ? null : key.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), NOW, NOW);
    }

    private String codeOf(String key, String json) {
        return assertThrows(InvalidEventException.class, () -> parse(key, json)).code();
    }

    @Test
    void simplifiedEventsTakeTheContractsFields() throws InvalidEventException {
        var task = (SparkEvent.TaskEnd) parse("ignored-key", "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":1234567,"
                + "\"timestamp\":\"2025-05-22T15:05:00Z\",\"task_id\":\"task_006\",\"duration_ms\":1500.5,\"successful\":false}");
        assertEquals(new SparkEvent.TaskEnd(null, "1234567", -1, "task_006", 0, 1500.5, SparkEvent.Outcome.FAILED,
                Instant.parse("2025-05-22T15:05:00Z").toEpochMilli()), task);
        var end = (SparkEvent.JobEnd) parse(null, "{\"event\":\"SparkListenerJobEnd\",\"job_id\":\"etl-7\",\"timestamp\":"
                + "\"2025-05-22T15:30:00Z\",\"completion_time\":\"2025-05-22T15:31:00Z\",\"job_result\":\"JobFailed\"}");
        assertEquals(new SparkEvent.JobEnd(null, "etl-7", Instant.parse("2025-05-22T15:31:00Z").toEpochMilli(), true), end);
        assertInstanceOf(SparkEvent.Ignored.class, parse(null, "{\"event\":\"SparkListenerStageCompleted\"}"));
    }

    @Test
    void badSimplifiedEventsNameTheirField() {
        String start = "\"event\":\"SparkListenerJobStart\",\"timestamp\":\"2025-05-22T15:00:00Z\"";
        assertEquals("missing_field:job_id", codeOf(null, "{" + start + "}"));
        assertEquals("invalid_field:job_id", codeOf(null, "{" + start + ",\"job_id\":\"a/b\"}"));
        assertEquals("invalid_field:job_result", codeOf(null, "{\"event\":\"SparkListenerJobEnd\",\"job_id\":1,"
                + "\"timestamp\":\"2025-05-22T15:00:00Z\",\"job_result\":\"Done\"}"));
        assertEquals("missing_field:task_id", codeOf(null, "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":1,"
                + "\"timestamp\":\"2025-05-22T15:00:00Z\"}"));
        assertEquals("future_timestamp", codeOf(null, "{" + start.replace("2025", "2027") + ",\"job_id\":1}"));
        assertEquals("missing_field:event", codeOf(null, "{\"job_id\":1}"));
    }

    @Test
    void eventLogLinesTakeTheirApplicationFromTheFieldTheirOwnStartOrTheKey() throws InvalidEventException {
        String jobStart = "\"Event\":\"SparkListenerJobStart\",\"Job ID\":3,\"Submission Time\":1000,\"Stage IDs\":[4,5]";
        assertEquals(new SparkEvent.JobStart("from-key", "3", 1000, null, List.of(4, 5)), parse("from-key", "{" + jobStart + "}"));
        assertEquals("from-field", parse("from-key", "{\"app_id\":\"from-field\"," + jobStart + "}").appId());
        assertEquals("local-1", parse(null, "{\"Event\":\"SparkListenerApplicationStart\",\"App ID\":\"local-1\",\"User\":\"root\"}").appId());
        assertEquals("missing_field:app_id", codeOf(null, "{" + jobStart + "}"));
        assertInstanceOf(SparkEvent.Ignored.class, parse(null, "{\"Event\":\"SparkListenerLogStart\"}"), "no application needed");
    }

    @Test
    void anEventLogTaskEndIsOneAttemptTimedFromLaunchToFinish() throws InvalidEventException {
        var task = (SparkEvent.TaskEnd) parse("app", "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":6,\"Task Info\":{\"Task ID\":21,"
                + "\"Attempt\":2,\"Launch Time\":1000,\"Finish Time\":1300,\"Failed\":false,\"Killed\":true}}");
        assertEquals(new SparkEvent.TaskEnd("app", null, 6, "21", 2, 300, SparkEvent.Outcome.KILLED, 1300), task);
        assertEquals("missing_field:Stage ID", codeOf("app", "{\"Event\":\"SparkListenerTaskEnd\",\"Task Info\":{}}"));
        assertEquals("missing_field:Task ID", codeOf("app", "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":1,\"Task Info\":{}}"));
        assertEquals("malformed_json", codeOf("app", "{\"Event\":\"SparkListenerTaskEnd\",\"Stage"));
    }
}
