package io.streamlytics.topology.sparkjobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.SparkEventParser;
import io.streamlytics.topology.support.SparkEventsTestDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real event log, written by Spark in local mode with retried, failed and killed task attempts
 * ({@code spark/local-eventlog.ndjson}), gives per job what Spark itself reported in the same run
 * ({@code spark/local-eventlog.expected.json}): task attempts, failures, kills, times and the longest task.
 * Piped as the replay command sends it (keyed by the application id), and shuffled.
 */
class SparkEventLogFixtureTest {

    private static String resource(String name) throws IOException {
        try (InputStream in = SparkEventLogFixtureTest.class.getResourceAsStream("/spark/" + name)) {
            assertNotNull(in, name + " on the test classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest(name = "shuffle seed={0} (0: as written)")
    @ValueSource(longs = {0L, 1L, 2L, 3L})
    void eachJobHasTheFiguresSparkReported(long seed) throws IOException {
        List<String> lines = new ArrayList<>(resource("local-eventlog.ndjson").lines().filter(line -> !line.isBlank()).toList());
        JsonNode expected = EventJson.MAPPER.readTree(resource("local-eventlog.expected.json"));
        String appId = expected.get("app_id").asText();
        assertEquals(appId, lines.stream().map(line -> SparkEventParser.announcedAppId(readTree(line)))
                .filter(id -> id != null).findFirst().orElseThrow(), "the log announces the application of the expected figures");
        if (seed != 0) {
            Collections.shuffle(lines, new Random(seed));
        }
        try (var driver = new SparkEventsTestDriver()) {
            lines.forEach(line -> driver.pipe(appId, line, Instant.parse("2026-12-01T00:00:00Z")));
            assertEquals(List.of(), driver.readDeadLetters(), "seed=" + seed);
            assertEquals(expected.get("jobs").size(), driver.jobs().size(), "seed=" + seed);
            for (JsonNode spark : expected.get("jobs")) {
                JobAnalytics job = driver.job(appId + "/" + spark.get("job_id").asInt());
                String what = "seed=" + seed + " job " + spark.get("job_id");
                assertNotNull(job, what);
                assertEquals(spark.get("result").asText().equals("JobSucceeded") ? "success" : "failed", job.status(), what);
                assertEquals(Instant.ofEpochMilli(spark.get("submission_time_ms").asLong()).toString(), job.startTime(), what);
                assertEquals(Instant.ofEpochMilli(spark.get("completion_time_ms").asLong()).toString(), job.endTime(), what);
                assertEquals(List.of(spark.get("total_tasks").asLong(), spark.get("failed_tasks").asLong(),
                        spark.get("killed_tasks").asLong(), spark.get("successful_tasks").asLong()),
                        List.of(job.totalTasks(), job.failedTasks(), job.killedTasks(), job.successfulTasks()), what + " tasks");
                assertEquals(spark.get("task_duration_max_ms").asDouble(), job.taskDurationMs().max(), what + " longest task");
                assertEquals("root", job.user(), what);
            }
            assertTrue(driver.jobs().values().stream().anyMatch(job -> job.killedTasks() > 0 && job.failedTasks() > 0),
                    "the log has failed and killed attempts");
        }
    }

    private static JsonNode readTree(String line) {
        try {
            return EventJson.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
