package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.Main;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark job analytics on two real instances of one group: the earlier service's three curl posts to
 * {@code POST /logs/ingest}, a whole event log posted to {@code /ingest/spark-events} and one replayed by the
 * {@code replay} command, a day's jobs paged across both instances, and the errors. Every event is of May 2025,
 * so none is late for another, and each test has a day of its own.
 */
class SparkJobsIntegrationTest {
    private static final String PREFIX = "sparkjobs-";
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;

    @BeforeAll
    static void start() {
        String bootstrap = SharedBroker.bootstrapServers();
        a = Instances.startRunning(Instances.config(bootstrap, "it-spark-jobs", PREFIX, stateA));
        b = Instances.startRunning(Instances.config(bootstrap, "it-spark-jobs", PREFIX, stateB));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    /** The first reply that is not a 503: a rebalance may move a partition at any moment, and 503 is then the right answer. */
    private static Http.Reply answered(StreamlyticsInstance instance, String pathAndQuery) {
        Http.Reply[] last = new Http.Reply[1];
        Instances.await(Duration.ofSeconds(60), () -> (last[0] = Http.get(instance, pathAndQuery)).status() != 503,
                pathAndQuery + " answers without 503");
        return last[0];
    }

    /** Polls {@code pathAndQuery} on the instance until it answers 200 with a body {@code done} accepts; returns that body. */
    private static JsonNode await(StreamlyticsInstance instance, String pathAndQuery, Predicate<JsonNode> done, String what) {
        JsonNode[] last = new JsonNode[1];
        Instances.await(Duration.ofSeconds(90), () -> {
            Http.Reply reply = Http.get(instance, pathAndQuery);
            last[0] = reply.status() == 200 ? reply.json() : null;
            return last[0] != null && done.test(last[0]);
        }, what);
        return last[0];
    }

    @Test
    void theEarlierServicesCurlWorkflowGivesOneJobOneTaskAndItsDuration() {
        for (String body : List.of(
                "{\"job_id\":1234567,\"event\":\"SparkListenerJobStart\",\"timestamp\":\"2025-05-22T15:00:00Z\",\"user\":\"alice\"}",
                "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":1234567,\"timestamp\":\"2025-05-22T15:05:00Z\",\"task_id\":\"task_006\",\"duration_ms\":1500,\"successful\":true}",
                "{\"event\":\"SparkListenerJobEnd\",\"job_id\":1234567,\"timestamp\":\"2025-05-22T15:30:00Z\",\"completion_time\":\"2025-05-22T15:30:00Z\",\"job_result\":\"JobSucceeded\"}")) {
            Http.Reply reply = Http.post(a, "/logs/ingest", "application/json", body);
            assertEquals(202, reply.status(), reply.body());
            assertEquals(Http.parse("{\"enqueued\":1,\"backend\":\"kafka\"}"), reply.json());
        }
        JsonNode day = await(b, "/analytics/summary?date=2025-05-22", json -> json.at("/jobs/0/status").asText().equals("success"),
                "the job has ended in the day's summary");
        assertEquals(Http.parse("{\"total_jobs\":1,\"total_tasks\":1,\"failed_tasks\":0,\"avg_success_rate\":1.0,"
                + "\"avg_duration_seconds\":1800.0}"), day.get("summary"));
        assertEquals("2025-05-22", day.get("date").asText());
        JsonNode job = day.at("/jobs/0");
        assertEquals("1234567", job.get("job_id").asText());
        assertEquals("alice", job.get("user").asText());
        assertEquals(1800.0, job.get("duration_seconds").asDouble());
        assertEquals(1, job.get("total_tasks").asInt());
        assertTrue(day.get("next").isNull());
        // either instance answers the job; a 503 while a rebalance moves its partition is allowed, so wait it out
        await(a, "/analytics/jobs/1234567", job::equals, "instance a answers the job as the summary lists it");
        await(b, "/analytics/jobs/1234567", job::equals, "instance b answers the job as the summary lists it");
    }

    @Test
    void aWholeEventLogPostedAsNdjsonIsCountedPerJobAndItsMalformedLineRejected() {
        String app = "local-1747731600000";
        long t = 1_747_731_600_000L; // 2025-05-20T09:00:00Z
        List<String> log = List.of(
                "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.1.3\"}",
                "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"it\",\"App ID\":\"" + app + "\",\"Timestamp\":" + t + ",\"User\":\"root\"}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Task ID\":0,\"Attempt\":0,\"Launch Time\":" + (t + 10)
                        + ",\"Finish Time\":" + (t + 60) + ",\"Failed\":true,\"Killed\":false}}",
                "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0,\"Submission Time\":" + (t + 5) + ",\"Stage IDs\":[0]}",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Task ID\":1,\"Att",
                "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Task ID\":2,\"Attempt\":1,\"Launch Time\":" + (t + 70)
                        + ",\"Finish Time\":" + (t + 95) + ",\"Failed\":false,\"Killed\":false}}",
                "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,\"Completion Time\":" + (t + 100) + ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}");
        Http.Reply reply = Http.post(b, "/ingest/spark-events", "application/x-ndjson", String.join("\n", log));
        assertEquals(202, reply.status(), reply.body());
        assertEquals(log.size() - 1, reply.json().get("accepted").asInt());
        assertEquals(4, reply.json().at("/rejected/0/index").asInt());

        JsonNode job = await(a, "/analytics/apps/" + app + "/jobs/0", json -> json.get("status").asText().equals("success")
                && json.get("total_tasks").asInt() == 2, "both task attempts of the job are counted");
        assertEquals(List.of(1, 1, 0.5, 50.0, 0.095), List.of(job.get("failed_tasks").asInt(), job.get("successful_tasks").asInt(),
                job.get("success_rate").asDouble(), job.at("/task_duration_ms/max").asDouble(), job.get("duration_seconds").asDouble()));
        assertEquals("root", job.get("user").asText());
        await(a, "/quality", json -> json.at("/topics/" + PREFIX + "spark-events/rejected/by_reason/malformed_json").asInt() == 1,
                "the malformed line is counted as rejected in /quality");
    }

    @Test
    void aGzippedEventLogReplayedIntoTheTopicIsKeyedByItsApplication() throws IOException {
        String app = "local-1747818000000";
        long t = 1_747_818_000_000L; // 2025-05-21T09:00:00Z
        Path log = stateA.resolve("replayed-eventlog.gz");
        try (var out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(log)), StandardCharsets.UTF_8)) {
            out.write(String.join("\n",
                    "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.1.3\"}",
                    "{\"Event\":\"SparkListenerApplicationStart\",\"App ID\":\"" + app + "\",\"Timestamp\":" + t + ",\"User\":\"etl\"}",
                    "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":4,\"Submission Time\":" + t + ",\"Stage IDs\":[7,8]}",
                    "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":8,\"Task Info\":{\"Task ID\":3,\"Attempt\":0,\"Launch Time\":" + t
                            + ",\"Finish Time\":" + (t + 40) + ",\"Failed\":false,\"Killed\":true}}",
                    "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":4,\"Completion Time\":" + (t + 50) + ",\"Job Result\":{\"Result\":\"JobFailed\"}}"));
        }
        int exit = new CommandLine(new Main()).execute("replay", "spark-events", log.toString(),
                "--bootstrap-servers", SharedBroker.bootstrapServers(), "--topic-prefix", PREFIX);
        assertEquals(0, exit);
        JsonNode job = await(b, "/analytics/apps/" + app + "/jobs/4", json -> json.get("killed_tasks").asInt() == 1
                && json.get("status").asText().equals("failed"), "the replayed job is counted");
        assertEquals("etl", job.get("user").asText());
    }

    @Test
    void aDaysJobsArePagedInStartOrderAcrossInstances() {
        StringJoiner ndjson = new StringJoiner("\n");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String jobId = "paged-" + (7 - i);
            expected.add(jobId);
            ndjson.add("{\"job_id\":\"" + jobId + "\",\"event\":\"SparkListenerJobStart\",\"timestamp\":\"2025-05-23T0" + i
                    + ":00:00Z\",\"user\":\"bob\"}");
        }
        assertEquals(202, Http.post(a, "/ingest/spark-events", "application/x-ndjson", ndjson.toString()).status());
        await(a, "/analytics/summary?date=2025-05-23", json -> json.at("/summary/total_jobs").asInt() == 7, "every job is in the day");
        List<String> paged = new ArrayList<>();
        String next = null;
        int page = 0;
        do {
            Http.Reply reply = answered(page++ % 2 == 0 ? a : b, "/analytics/summary?date=2025-05-23&limit=3"
                    + (next == null ? "" : "&after=" + next));
            assertEquals(200, reply.status(), reply.body());
            reply.json().get("jobs").forEach(job -> paged.add(job.get("job_id").asText()));
            next = reply.json().get("next").isNull() ? null : reply.json().get("next").asText();
        } while (next != null);
        assertEquals(expected, paged);
        assertEquals(3, page);
    }

    @Test
    void unknownJobsAre404AndBadParameters400() {
        for (String path : List.of("/analytics/jobs/no-such-job", "/analytics/apps/local-0/jobs/42")) {
            Http.Reply reply = answered(b, path);
            assertEquals(404, reply.status(), reply.body());
            assertEquals("unknown_job", reply.json().at("/error/code").asText());
        }
        for (String query : List.of("date=2025-13-01", "date=yesterday", "", "date=2025-05-22&limit=0", "date=2025-05-22&after=%25%25")) {
            Http.Reply reply = answered(a, "/analytics/summary?" + query);
            assertEquals(400, reply.status(), query + ": " + reply.body());
            assertTrue(reply.json().at("/error/message").asText().contains(query.isEmpty() ? "date" : query.contains("limit") ? "limit"
                    : query.contains("after") ? "after" : "date"), reply.body());
        }
        JsonNode empty = answered(a, "/analytics/summary?date=1999-01-01").json();
        assertEquals(0, empty.at("/summary/total_jobs").asInt());
        assertEquals(0, empty.get("jobs").size());
    }
}
