package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.support.SparkEventsTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: for generated jobs of both forms, every permutation and duplication of their events gives the
 * job analytics and day summary of the events in order, and those equal a plain computation over the
 * generated tasks. Each seed runs {@value #CASES} cases, each on a day of its own; a failure names its seed
 * and case.
 */
class JobAnalyticsShuffleIntegrationTest {
    private static final int CASES = 100;
    private static final Instant FIRST_DAY = Instant.parse("2025-01-01T00:00:00Z");

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {11L, 2025L, -7L})
    void everyOrderAndDuplicationGivesTheFiguresOfOrderedEvents(long seed) {
        Random random = new Random(seed);
        try (var ordered = new SparkEventsTestDriver(); var disordered = new SparkEventsTestDriver()) {
            for (int c = 0; c < CASES; c++) {
                String what = "seed=" + seed + " case=" + c;
                Instant day = FIRST_DAY.plus(Duration.ofDays(c));
                GeneratedSparkJobs.Case generated = GeneratedSparkJobs.generate(random, day, "c" + c);
                generated.lines().forEach(line -> ordered.pipe(line.key(), line.json(), line.time()));
                GeneratedSparkJobs.disorder(generated.lines(), random).forEach(line -> disordered.pipe(line.key(), line.json(), line.time()));

                Map<String, JobAnalytics> expected = ofCase(ordered.jobs(), generated);
                Map<String, JobAnalytics> actual = ofCase(disordered.jobs(), generated);
                assertEquals(expected, actual, what + ": job analytics");
                assertEquals(actual, lastRows(disordered.readAnalytics(), generated), what + ": job-analytics' last row per job is the store's");
                ordered.readAnalytics();
                String date = SparkJobKeys.dayOf(day.toEpochMilli());
                assertEquals(ordered.day(date), disordered.day(date), what + ": day summary and listing");
                assertMatchesReference(generated, actual, disordered.day(date), what);
                assertTrue(disordered.readDeadLetters().isEmpty() && disordered.readLateEvents().isEmpty(), what + ": nothing set aside");
            }
        }
    }

    private static Map<String, JobAnalytics> ofCase(Map<String, JobAnalytics> all, GeneratedSparkJobs.Case generated) {
        Map<String, JobAnalytics> jobs = new TreeMap<>();
        generated.jobs().forEach(job -> jobs.put(job.jobKey(), all.get(job.jobKey())));
        return jobs;
    }

    private static Map<String, JobAnalytics> lastRows(List<KeyValue<String, JobAnalytics>> rows, GeneratedSparkJobs.Case generated) {
        Map<String, JobAnalytics> last = new TreeMap<>();
        rows.forEach(row -> last.put(row.key, row.value));
        return ofCase(last, generated);
    }

    private static void assertMatchesReference(GeneratedSparkJobs.Case generated, Map<String, JobAnalytics> actual,
                                               SparkEventsTestDriver.Day day, String what) {
        long tasks = 0;
        long failed = 0;
        double rates = 0;
        int withTasks = 0;
        double durations = 0;
        int ended = 0;
        for (GeneratedSparkJobs.Expected job : generated.jobs()) {
            JobAnalytics row = actual.get(job.jobKey());
            String of = what + " job " + job.jobKey();
            long failedTasks = job.tasks().stream().filter(GeneratedSparkJobs.Task::failed).count();
            long killedTasks = job.tasks().stream().filter(GeneratedSparkJobs.Task::killed).count();
            long total = job.tasks().size();
            assertEquals(List.of(total, failedTasks, killedTasks, total - failedTasks - killedTasks),
                    List.of(row.totalTasks(), row.failedTasks(), row.killedTasks(), row.successfulTasks()), of + " tasks");
            assertEquals(job.user(), row.user(), of + " user");
            assertEquals(job.start().toString(), row.startTime(), of + " start");
            assertEquals(job.end() == null ? "running" : job.failed() ? "failed" : "success", row.status(), of + " status");
            assertEquals(job.end() == null ? null : job.end().toString(), row.endTime(), of + " end");
            Double seconds = job.end() == null ? null : Duration.between(job.start(), job.end()).toMillis() / 1000.0;
            assertEquals(seconds, row.durationSeconds(), of + " duration");
            assertEquals(total == 0 ? 0.0 : (double) (total - failedTasks - killedTasks) / total, row.successRate(), 1e-12, of + " rate");
            assertDurations(job, row.taskDurationMs(), of);
            tasks += total;
            failed += failedTasks;
            if (total > 0) {
                rates += row.successRate();
                withTasks++;
            }
            if (seconds != null) {
                durations += seconds;
                ended++;
            }
        }
        DaySummary.View summary = day.summary();
        assertEquals(List.of((long) generated.jobs().size(), tasks, failed), List.of(summary.totalJobs(), summary.totalTasks(),
                summary.failedTasks()), what + " day totals");
        assertEquals(withTasks == 0 ? 0.0 : rates / withTasks, summary.avgSuccessRate(), 0.00005 + 1e-12, what + " average success rate");
        assertEquals(ended == 0 ? 0.0 : durations / ended, summary.avgDurationSeconds(), 0.0005 + 1e-9, what + " average duration");
        assertEquals(generated.jobs().stream().sorted(Comparator.comparing(GeneratedSparkJobs.Expected::start)
                        .thenComparing(GeneratedSparkJobs.Expected::jobKey)).map(GeneratedSparkJobs.Expected::jobKey).toList(),
                day.jobs().stream().map(JobAnalytics::jobKey).toList(), what + " the day's jobs, by start time");
    }

    /** p50 and p95 within 1% of the nearest rank (the ⌈q·n⌉-th smallest), the maximum exact. */
    private static void assertDurations(GeneratedSparkJobs.Expected job, JobAnalytics.TaskDurations actual, String what) {
        List<Double> sorted = job.tasks().stream().map(GeneratedSparkJobs.Task::durationMs).filter(d -> d >= 0).sorted().toList();
        if (sorted.isEmpty()) {
            assertEquals(new JobAnalytics.TaskDurations(null, null, null), actual, what + " no durations");
            return;
        }
        for (double q : new double[] {0.50, 0.95}) {
            double exact = sorted.get((int) Math.ceil(q * sorted.size()) - 1);
            double answered = q == 0.50 ? actual.p50() : actual.p95();
            assertEquals(exact, answered, exact * 0.01, what + " p" + Math.round(q * 100));
        }
        assertEquals(sorted.get(sorted.size() - 1), actual.max(), what + " max");
    }
}
