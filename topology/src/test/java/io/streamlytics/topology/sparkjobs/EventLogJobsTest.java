package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.support.SparkEventsTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static io.streamlytics.topology.support.SparkLines.appStart;
import static io.streamlytics.topology.support.SparkLines.logJobEnd;
import static io.streamlytics.topology.support.SparkLines.logJobStart;
import static io.streamlytics.topology.support.SparkLines.logStageSubmitted;
import static io.streamlytics.topology.support.SparkLines.logTaskEnd;
import static io.streamlytics.topology.support.SparkLines.withAppId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Spark's own event-log lines: application ids, stage → job mapping in any order, ignored and malformed lines. */
class EventLogJobsTest {
    private static final String APP = "local-1716390000000";
    private static final Instant T = Instant.parse("2026-03-10T08:00:00Z");

    private static Instant at(long millis) {
        return T.plusMillis(millis);
    }

    @Test
    void taskEndsBeforeTheirJobStartAreHeldAndCountOnceItComes() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(APP, logTaskEnd(3, 10, 0, at(100), at(400), false, false), T);
            driver.pipe(APP, logTaskEnd(4, 11, 0, at(100), at(600), true, false), T);
            driver.pipe(APP, logJobEnd(2, at(900), true), T);
            assertEquals(0, driver.job(APP + "/2").totalTasks(), "stage 3 and 4 belong to no known job yet");

            driver.pipe(APP, logJobStart(2, at(0), 3, 4), T);
            driver.pipe(APP, logTaskEnd(4, 12, 1, at(600), at(800), false, false), T);
            JobAnalytics job = driver.job(APP + "/2");
            assertEquals(List.of(3L, 1L, 0L, 2L), List.of(job.totalTasks(), job.failedTasks(), job.killedTasks(), job.successfulTasks()));
            assertEquals(0.9, job.durationSeconds());
            assertEquals(APP, job.appId());
            assertEquals("2", job.jobId());
            assertEquals("success", job.status());
            assertEquals(500.0, job.taskDurationMs().max());
        }
    }

    @Test
    void theApplicationIdComesFromTheAppIdFieldOrTheRecordKeyAndTheUserFromTheApplicationStart() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(null, withAppId(logJobStart(0, at(0), 0), "app-a"), T);
            driver.pipe("app-b", logJobStart(0, at(0), 0), T);
            driver.pipe(null, withAppId(logTaskEnd(0, 1, 0, at(1), at(2), false, true), "app-a"), T);
            assertNull(driver.job("app-a/0").user());
            driver.pipe(null, appStart("app-a", "root", at(-5000)), T);
            assertEquals("root", driver.job("app-a/0").user(), "an application start after the job start still names its user");
            assertEquals(1, driver.job("app-a/0").killedTasks());
            assertEquals(0, driver.job("app-b/0").totalTasks(), "stage 0 of another application is another stage");
            driver.pipe(null, appStart("app-b", "spark", at(-5000)), T);
            driver.pipe("app-b", logJobStart(1, at(10), 1), T);
            assertEquals("spark", driver.job("app-b/1").user(), "a job start after the application start takes its user at once");
        }
    }

    @Test
    void aStageListedByTwoJobsCountsForBothWhateverTheOrder() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(APP, logJobStart(0, at(0), 0, 1), T);
            driver.pipe(APP, logTaskEnd(0, 1, 0, at(1), at(5), false, false), T);
            driver.pipe(APP, logJobStart(1, at(2), 0, 2), T);
            driver.pipe(APP, logTaskEnd(0, 2, 0, at(1), at(5), false, false), T);
            assertEquals(2, driver.job(APP + "/0").totalTasks());
            assertEquals(2, driver.job(APP + "/1").totalTasks());
        }
    }

    @Test
    void aMalformedLineGoesToDeadLettersAndTheRestOfTheLogIsCounted() {
        try (var driver = new SparkEventsTestDriver()) {
            List<String> log = List.of(
                    "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.1.3\"}",
                    appStart(APP, "root", T),
                    logJobStart(0, at(0), 0),
                    logStageSubmitted(0),
                    logTaskEnd(0, 0, 0, at(1), at(11), false, false),
                    "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Task ID\":1,\"Att",
                    "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0}",
                    logTaskEnd(0, 2, 0, at(1), at(21), false, false),
                    logJobEnd(0, at(30), true));
            log.forEach(line -> driver.pipe(APP, line, T));
            List<TestRecord<byte[], byte[]>> dead = driver.readDeadLetters();
            assertEquals(List.of("malformed_json", "missing_field:Task Info"), dead.stream()
                    .map(record -> ErrorHeaders.read(record.headers(), ErrorHeaders.EXCEPTION)).toList());
            assertEquals(List.of(log.get(5), log.get(6)), dead.stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)).toList());
            assertEquals("spark-events", ErrorHeaders.read(dead.get(0).headers(), ErrorHeaders.TOPIC));
            JobAnalytics job = driver.job(APP + "/0");
            assertEquals(2, job.totalTasks());
            assertEquals("root", job.user());
            assertEquals(1, driver.day(SparkJobKeys.dayOf(T.toEpochMilli())).summary().totalJobs());
        }
    }

    @Test
    void aJobLineWithoutItsApplicationIsDeadLettered() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(null, logJobStart(0, at(0), 0), T);
            driver.pipe("app/with/slashes", logJobEnd(0, at(0), true), T);
            assertEquals(List.of("missing_field:app_id", "missing_field:app_id"), driver.readDeadLetters().stream()
                    .map(record -> ErrorHeaders.read(record.headers(), ErrorHeaders.EXCEPTION)).toList());
            assertEquals(0, driver.jobs().size());
        }
    }
}
