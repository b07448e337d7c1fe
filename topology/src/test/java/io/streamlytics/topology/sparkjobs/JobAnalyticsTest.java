package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.support.SparkEventsTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.streamlytics.topology.support.SparkLines.jobEnd;
import static io.streamlytics.topology.support.SparkLines.jobStart;
import static io.streamlytics.topology.support.SparkLines.killedTaskEnd;
import static io.streamlytics.topology.support.SparkLines.taskEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Simplified spark-events → per-job analytics, the job-analytics topic and the day's summary (contract sections 1, 2, 6). */
class JobAnalyticsTest {
    private static final Instant START = Instant.parse("2025-05-22T15:00:00Z");
    private static final Instant END = Instant.parse("2025-05-22T15:30:00Z");

    @Test
    void theEarlierServicesExampleGivesItsFigures() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(jobStart("1234567", START, "alice"), START);
            driver.pipe(taskEnd("1234567", START.plusSeconds(300), "task_006", 0, 1500, false), START);
            driver.pipe(taskEnd("1234567", START.plusSeconds(310), "task_007", 0, 500, true), START);
            driver.pipe(jobEnd("1234567", END, true), END);

            JobAnalytics job = driver.job("1234567");
            assertEquals(new JobAnalytics("1234567", null, "alice", "success", "2025-05-22T15:00:00Z", "2025-05-22T15:30:00Z", 1800.0,
                    2, 1, 0, 1, 0.5, job.taskDurationMs()), job);
            assertEquals(1500.0, job.taskDurationMs().max());
            assertEquals(500.0, job.taskDurationMs().p50(), 5.0);
            assertEquals(1500.0, job.taskDurationMs().p95(), 15.0);
            assertEquals(new DaySummary.View(1, 2, 1, 0.5, 1800.0), driver.day("2025-05-22").summary());
            assertEquals(List.of(job), driver.day("2025-05-22").jobs());
            assertTrue(driver.readDeadLetters().isEmpty());
        }
    }

    @Test
    void jobEndBeforeItsStartAndTaskEndsAfterItsEndGiveTheSameFigures() {
        try (var inOrder = new SparkEventsTestDriver(); var reversed = new SparkEventsTestDriver()) {
            List<String> events = List.of(jobStart("7", START, "bob"), taskEnd("7", START.plusSeconds(5), "t1", 0, 100, true),
                    taskEnd("7", START.plusSeconds(6), "t2", 0, 200, false), jobEnd("7", END, false));
            events.forEach(line -> inOrder.pipe(line, START));
            for (int i = events.size() - 1; i >= 0; i--) {
                reversed.pipe(events.get(i), START);
            }
            assertEquals(inOrder.jobs(), reversed.jobs());
            assertEquals(inOrder.day("2025-05-22"), reversed.day("2025-05-22"));
            assertEquals("failed", reversed.job("7").status());
        }
    }

    @Test
    void aTaskAttemptCountsOnceHoweverOftenItComesAndAnotherAttemptCountsAgain() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(jobStart("8", START, "carol"), START);
            for (int i = 0; i < 3; i++) {
                driver.pipe(taskEnd("8", START.plusSeconds(5), "t1", 0, 100, false), START);
            }
            driver.pipe(taskEnd("8", START.plusSeconds(9), "t1", 1, 120, true), START);
            driver.pipe(killedTaskEnd("8", START.plusSeconds(9), "t2", 0, 80), START);
            JobAnalytics job = driver.job("8");
            assertEquals(List.of(3L, 1L, 1L, 1L), List.of(job.totalTasks(), job.failedTasks(), job.killedTasks(), job.successfulTasks()));
            assertEquals(1 / 3.0, job.successRate(), 1e-12);
        }
    }

    @Test
    void aRunningJobHasNoEndAndCountsInTheDayButNotInItsAverageDuration() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(jobStart("1", START, "alice"), START);
            driver.pipe(jobEnd("1", START.plusSeconds(60), true), START);
            driver.pipe(jobStart("2", START.plusSeconds(10), "alice"), START);
            driver.pipe(jobStart("3", START.plusSeconds(20), "dave"), START);
            driver.pipe(taskEnd("3", START.plusSeconds(30), "a", 0, 10, true), START);
            driver.pipe(taskEnd("3", START.plusSeconds(31), "b", 0, 10, false), START);
            driver.pipe(taskEnd("3", START.plusSeconds(32), "c", 0, 10, false), START);
            driver.pipe(taskEnd("3", START.plusSeconds(33), "d", 0, 10, false), START);

            JobAnalytics running = driver.job("2");
            assertEquals("running", running.status());
            assertNull(running.endTime());
            assertNull(running.durationSeconds());
            assertEquals(0.0, running.successRate());
            assertNull(running.taskDurationMs().p50());
            // jobs with tasks: only 3 (0.25); ended jobs: only 1 (60 s)
            assertEquals(new DaySummary.View(3, 4, 3, 0.25, 60.0), driver.day("2025-05-22").summary());
            assertEquals(List.of("1", "2", "3"), driver.day("2025-05-22").jobs().stream().map(JobAnalytics::jobId).toList());
        }
    }

    @Test
    void everyChangeGoesToJobAnalyticsAndTheLastRowIsTheStores() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(jobStart("9", START, "erin"), START);
            driver.pipe(taskEnd("9", START.plusSeconds(1), "t", 0, 10, true), START);
            driver.pipe(taskEnd("9", START.plusSeconds(1), "t", 0, 10, true), START);
            driver.pipe(jobEnd("9", END, true), END);
            List<KeyValue<String, JobAnalytics>> rows = driver.readAnalytics();
            assertEquals(List.of("running", "running", "success"), rows.stream().map(row -> row.value.status()).toList(),
                    "the repeated task end changes nothing, so it writes nothing");
            assertEquals(driver.job("9"), rows.get(rows.size() - 1).value);
        }
    }

    @Test
    void aJobWhoseStartMovesToAnotherDayLeavesTheOldDay() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(jobStart("5", START, "frank"), START);
            driver.pipe(jobStart("5", START.minusSeconds(86_400), "frank"), START);
            assertNull(driver.day("2025-05-22").summary());
            assertEquals(List.of(), driver.day("2025-05-22").jobs());
            assertEquals(1, driver.day("2025-05-21").summary().totalJobs());
        }
    }

    @Test
    void otherListenerEventsAreAcceptedAndIgnored() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe("{\"event\":\"SparkListenerStageSubmitted\",\"job_id\":1}", START);
            driver.pipe("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.1.3\"}", START);
            assertEquals(List.of(), driver.readDeadLetters());
            assertEquals(List.of(), driver.readLateEvents());
            assertEquals(0, driver.jobs().size());
        }
    }
}
