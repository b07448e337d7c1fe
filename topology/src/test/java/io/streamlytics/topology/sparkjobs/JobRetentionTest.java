package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.support.SparkEventsTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.streamlytics.topology.support.SparkLines.jobEnd;
import static io.streamlytics.topology.support.SparkLines.jobStart;
import static io.streamlytics.topology.support.SparkLines.taskEnd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The job table forgets a job idle for longer than the retention (event time); its day stays until the day itself is that old. */
class JobRetentionTest {
    private static final Instant T = Instant.parse("2026-03-10T08:00:00Z");
    private static final Duration RETENTION = TopologyConfig.defaults().retention();

    @Test
    void anIdleJobIsForgottenAndItsDayStaysUntilTheDayIsOlderThanTheRetention() {
        try (var driver = new SparkEventsTestDriver()) {
            driver.pipe(jobStart("old", T, "alice"), T);
            driver.pipe(taskEnd("old", T.plusSeconds(5), "t1", 0, 10, true), T);
            driver.pipe(jobEnd("old", T.plusSeconds(60), true), T);
            driver.pipe(jobStart("kept", T.plus(Duration.ofDays(20)), "bob"), T);
            driver.readAnalytics();

            Instant later = T.plusSeconds(60).plus(RETENTION).plus(Duration.ofHours(2));
            driver.pipe(jobStart("clock-1", later, "clock"), later);
            assertNull(driver.job("old"), "idle for longer than the retention");
            assertNotNull(driver.job("kept"));
            assertEquals(List.of(KeyValue.pair("old", null), KeyValue.pair("clock-1", driver.job("clock-1"))), driver.readAnalytics(),
                    "the forgotten job leaves a tombstone on job-analytics (stream time moves before the new event counts)");
            assertEquals(0, driver.entriesIn(SparkJobsPipeline.JOB_TASKS_STORE), "its task attempts are forgotten with it");
            assertEquals(1, driver.day("2026-03-10").summary().totalJobs(), "the day is not older than the retention yet");

            Instant dayTooOld = Instant.parse("2026-03-11T00:00:00Z").plus(RETENTION).plus(Duration.ofHours(2));
            driver.pipe(jobStart("clock-2", dayTooOld, "clock"), dayTooOld);
            assertNull(driver.day("2026-03-10").summary());
            assertEquals(List.of(), driver.day("2026-03-10").jobs());
            assertNotNull(driver.day("2026-03-30").summary(), "a younger day stays");
        }
    }

    @Test
    void anEventOlderThanTheRetentionBehindStreamTimeIsLate() {
        try (var driver = new SparkEventsTestDriver()) {
            Instant now = T.plus(RETENTION).plus(Duration.ofDays(1));
            driver.pipe(jobStart("new", now, "alice"), now);
            driver.pipe(jobStart("ancient", T, "alice"), now);
            assertEquals(List.of("late"), driver.readLateEvents().stream()
                    .map(record -> ErrorHeaders.read(record.headers(), ErrorHeaders.EXCEPTION)).toList());
            assertNull(driver.job("ancient"));
        }
    }
}
