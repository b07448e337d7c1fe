package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.support.SparkLines;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Random jobs of one day in both spark-events forms, as lines in the order Spark would write them, with
 * what each job's analytics must be (a plain computation over the generated tasks).
 */
final class GeneratedSparkJobs {
    private static final String[] USERS = {"alice", "bob", "carol"};

    /** A line and the record key its producer gives it (the application id of event-log lines, else none). */
    record Line(String key, String json, Instant time) {
    }

    /** A task attempt: id, attempt, duration (ms; < 0 when not given) and outcome. */
    record Task(String id, int attempt, double durationMs, boolean failed, boolean killed) {
    }

    /** What one job's analytics must be; end null while running. */
    record Expected(String jobKey, String user, Instant start, Instant end, boolean failed, List<Task> tasks) {
    }

    record Case(List<Line> lines, List<Expected> jobs) {
    }

    private GeneratedSparkJobs() {
    }

    /** One to four jobs starting on {@code day}, each of either form, named apart by {@code name}. */
    static Case generate(Random random, Instant day, String name) {
        List<Line> lines = new ArrayList<>();
        List<Expected> jobs = new ArrayList<>();
        int count = 1 + random.nextInt(4);
        for (int j = 0; j < count; j++) {
            Instant start = day.plusSeconds(random.nextInt(20 * 3600));
            if (random.nextBoolean()) {
                simplifiedJob(random, name + "-" + j, start, lines, jobs);
            } else {
                eventLogJob(random, name + "-app" + j, start, lines, jobs);
            }
        }
        return new Case(lines, jobs);
    }

    private static void simplifiedJob(Random random, String jobId, Instant start, List<Line> lines, List<Expected> jobs) {
        String user = random.nextInt(5) == 0 ? null : USERS[random.nextInt(USERS.length)];
        lines.add(new Line(jobId, SparkLines.jobStart(jobId, start, user), start));
        List<Task> tasks = tasks(random);
        Instant time = start;
        for (Task task : tasks) {
            time = time.plusMillis(1 + random.nextInt(60_000));
            String json = task.killed() ? SparkLines.killedTaskEnd(jobId, time, task.id(), task.attempt(), Math.max(0, task.durationMs()))
                    : SparkLines.taskEnd(jobId, time, task.id(), task.attempt(), task.durationMs(), !task.failed());
            lines.add(new Line(jobId, json, time));
        }
        Instant end = random.nextInt(5) == 0 ? null : time.plusMillis(1 + random.nextInt(60_000));
        boolean failed = random.nextInt(3) == 0;
        if (end != null) {
            lines.add(new Line(jobId, SparkLines.jobEnd(jobId, end, !failed), end));
        }
        jobs.add(new Expected(jobId, user, start, end, failed, tasks.stream()
                .map(task -> task.killed() ? new Task(task.id(), task.attempt(), Math.max(0, task.durationMs()), false, true) : task)
                .toList()));
    }

    private static void eventLogJob(Random random, String appId, Instant start, List<Line> lines, List<Expected> jobs) {
        boolean announced = random.nextInt(4) != 0;
        String user = USERS[random.nextInt(USERS.length)];
        if (announced) {
            lines.add(new Line(appId, SparkLines.appStart(appId, user, start.minusSeconds(5)), start.minusSeconds(5)));
        }
        int jobId = random.nextInt(3);
        int stages = 1 + random.nextInt(3);
        int[] stageIds = new int[stages];
        for (int s = 0; s < stages; s++) {
            stageIds[s] = jobId * 10 + s;
        }
        lines.add(new Line(appId, SparkLines.logJobStart(jobId, start, stageIds), start));
        List<Task> tasks = new ArrayList<>();
        Instant time = start;
        long taskId = 0;
        for (Task generated : tasks(random)) {
            Instant launch = time.plusMillis(random.nextInt(1000));
            long duration = generated.durationMs() < 0 ? random.nextInt(3000) : Math.round(generated.durationMs());
            time = launch.plusMillis(duration);
            Task task = new Task(Long.toString(taskId++), generated.attempt(), duration, generated.failed(), generated.killed());
            tasks.add(task);
            lines.add(new Line(appId, SparkLines.logTaskEnd(stageIds[random.nextInt(stages)], Long.parseLong(task.id()), task.attempt(),
                    launch, time, task.failed(), task.killed()), time));
            if (random.nextInt(4) == 0) {
                lines.add(new Line(appId, SparkLines.logStageSubmitted(stageIds[0]), time));
            }
        }
        Instant end = random.nextInt(5) == 0 ? null : time.plusMillis(1 + random.nextInt(5000));
        boolean failed = random.nextInt(3) == 0;
        if (end != null) {
            lines.add(new Line(appId, SparkLines.logJobEnd(jobId, end, !failed), end));
        }
        jobs.add(new Expected(appId + "/" + jobId, announced ? user : null, start, end, failed, tasks));
    }

    /** Up to eight task attempts: some retried (attempt 1 after a failed attempt 0), some killed, some without a duration. */
    private static List<Task> tasks(Random random) {
        List<Task> tasks = new ArrayList<>();
        int count = random.nextInt(9);
        for (int t = 0; t < count; t++) {
            double duration = random.nextInt(6) == 0 ? -1 : 1 + random.nextInt(50_000) / 10.0;
            int kind = random.nextInt(6);
            if (kind == 0) {
                tasks.add(new Task("task_" + t, 0, duration, true, false));
                tasks.add(new Task("task_" + t, 1, 1 + random.nextInt(5000), false, false));
            } else {
                tasks.add(new Task("task_" + t, 0, duration, kind == 1, kind == 2));
            }
        }
        return tasks;
    }

    /** The lines shuffled, about a third of them delivered two to four times. */
    static List<Line> disorder(List<Line> lines, Random random) {
        List<Line> delivered = new ArrayList<>(lines);
        for (Line line : lines) {
            if (random.nextInt(3) == 0) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    delivered.add(line);
                }
            }
        }
        Collections.shuffle(delivered, random);
        return delivered;
    }
}
