package io.streamlytics.topology.sparkjobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guards the real Spark event log kept as a test resource (made by tools/spark-eventlog-fixture):
 * counting its lines the way the contract says gives what Spark's own listener reported in the
 * same run. Task ends name a stage, never a job: the job is the one whose SparkListenerJobStart
 * lists that stage in "Stage IDs". Every task end counts (one per attempt, by "Task ID");
 * "Failed" and "Killed" are counted apart; the rest are successful.
 */
class SparkEventLogResourceTest {
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** One job as Spark's listener saw it: the entries of local-eventlog.expected.json. */
    record ExpectedJob(int jobId, String result, long submissionTimeMs, long completionTimeMs, int totalTasks,
                       int failedTasks, int killedTasks, int successfulTasks, long taskDurationMaxMs) {
    }

    record Expected(String appId, String sparkVersion, List<ExpectedJob> jobs) {
    }

    private static List<JsonNode> lines;
    private static Expected expected;

    @BeforeAll
    static void readResources() throws IOException {
        lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open("local-eventlog.ndjson"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(JSON.readTree(line));
            }
        }
        try (InputStream in = open("local-eventlog.expected.json")) {
            expected = JSON.readValue(in, Expected.class);
        }
    }

    private static InputStream open(String name) {
        InputStream in = SparkEventLogResourceTest.class.getResourceAsStream("/spark/" + name);
        assertNotNull(in, name + " on the test classpath");
        return in;
    }

    private static List<JsonNode> events(String type) {
        return lines.stream().filter(line -> line.path("Event").asText().equals(type)).toList();
    }

    @Test
    void theLogNamesTheApplicationAndSparkVersionOfTheRun() {
        assertEquals(expected.appId(), events("SparkListenerApplicationStart").get(0).path("App ID").asText());
        assertEquals(expected.sparkVersion(), events("SparkListenerLogStart").get(0).path("Spark Version").asText());
    }

    @Test
    void countingTaskEndsPerJobThroughTheStagesOfEachJobStartGivesWhatSparkReported() {
        assertEquals(expected.jobs(), jobsFromLog());
    }

    @Test
    void eachAttemptEndsOnceAndEachStageBelongsToOneJob() {
        List<JsonNode> taskEnds = events("SparkListenerTaskEnd");
        assertEquals(taskEnds.size(), taskEnds.stream().map(end -> end.path("Task Info").path("Task ID").asLong()).distinct().count());
        Map<Integer, Integer> jobOfStage = new HashMap<>();
        for (JsonNode start : events("SparkListenerJobStart")) {
            for (JsonNode stageId : start.path("Stage IDs")) {
                assertNull(jobOfStage.put(stageId.asInt(), start.path("Job ID").asInt()), "stage " + stageId + " in two jobs");
            }
        }
    }

    /** What the resource exists for: a consumer must handle retries, failures, kills and a task end after its job end. */
    @Test
    void theLogHoldsRetriedFailedAndKilledAttemptsAndATaskEndAfterItsJobEnd() {
        List<JsonNode> taskInfos = events("SparkListenerTaskEnd").stream().map(end -> end.path("Task Info")).toList();
        assertTrue(taskInfos.stream().anyMatch(info -> info.path("Attempt").asInt() > 0), "a retried attempt");
        assertTrue(taskInfos.stream().anyMatch(info -> info.path("Failed").asBoolean()), "a failed attempt");
        assertTrue(taskInfos.stream().anyMatch(info -> info.path("Killed").asBoolean()), "a killed attempt");
        assertTrue(expected.jobs().stream().anyMatch(job -> job.result().equals("JobFailed")), "a failed job");
        List<String> eventTypes = lines.stream().map(line -> line.path("Event").asText()).toList();
        int lastJobEnd = eventTypes.lastIndexOf("SparkListenerJobEnd");
        assertTrue(eventTypes.subList(lastJobEnd, eventTypes.size()).contains("SparkListenerTaskEnd"),
                "a task end after the last job end (the killed attempt of the failed job)");
    }

    /** Maps stages to jobs from all job starts first, so the order of lines does not matter. */
    private static List<ExpectedJob> jobsFromLog() {
        Map<Integer, Integer> jobOfStage = new HashMap<>();
        Map<Integer, JsonNode> starts = new TreeMap<>();
        for (JsonNode start : events("SparkListenerJobStart")) {
            starts.put(start.path("Job ID").asInt(), start);
            start.path("Stage IDs").forEach(stageId -> jobOfStage.put(stageId.asInt(), start.path("Job ID").asInt()));
        }
        Map<Integer, JsonNode> ends = new HashMap<>();
        events("SparkListenerJobEnd").forEach(end -> ends.put(end.path("Job ID").asInt(), end));
        Map<Integer, List<JsonNode>> attemptsOfJob = new HashMap<>();
        for (JsonNode taskEnd : events("SparkListenerTaskEnd")) {
            Integer jobId = jobOfStage.get(taskEnd.path("Stage ID").asInt());
            assertNotNull(jobId, "job of stage " + taskEnd.path("Stage ID"));
            attemptsOfJob.computeIfAbsent(jobId, id -> new ArrayList<>()).add(taskEnd.path("Task Info"));
        }
        List<ExpectedJob> jobs = new ArrayList<>();
        starts.forEach((jobId, start) -> jobs.add(job(jobId, start, ends.get(jobId), attemptsOfJob.getOrDefault(jobId, List.of()))));
        return jobs;
    }

    private static ExpectedJob job(int jobId, JsonNode start, JsonNode end, List<JsonNode> attempts) {
        int failed = (int) attempts.stream().filter(info -> info.path("Failed").asBoolean()).count();
        int killed = (int) attempts.stream().filter(info -> info.path("Killed").asBoolean()).count();
        long durationMax = attempts.stream()
                .mapToLong(info -> info.path("Finish Time").asLong() - info.path("Launch Time").asLong()).max().orElse(0);
        return new ExpectedJob(jobId, end.path("Job Result").path("Result").asText(), start.path("Submission Time").asLong(),
                end.path("Completion Time").asLong(), attempts.size(), failed, killed, attempts.size() - failed - killed, durationMax);
    }
}
