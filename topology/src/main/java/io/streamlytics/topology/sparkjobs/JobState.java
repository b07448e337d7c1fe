package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.events.SparkEvent;
import io.streamlytics.topology.sketch.DurationSummary;

import java.time.Instant;

/**
 * What one job's events add up to. Every rule is order-free so that any arrival order and any number
 * of redeliveries give the same state: the start is the earliest job start, the end the latest job end,
 * a job is failed if any job end says so, the user is the least non-null one, and each task attempt
 * counts once (the processor drops attempts it has already seen before they reach here).
 */
public final class JobState {
    static final long NONE = Long.MIN_VALUE;

    final String appId;
    final String jobId;
    String user;
    long startTime = NONE;
    long endTime = NONE;
    boolean failed;
    long totalTasks;
    long failedTasks;
    long killedTasks;
    DurationSummary durations = new DurationSummary();
    /** The newest event time seen: the job is forgotten once idle for longer than the retention. */
    long lastEventTime = NONE;

    JobState(String appId, String jobId) {
        this.appId = appId;
        this.jobId = jobId;
    }

    void apply(SparkEvent event) {
        lastEventTime = Math.max(lastEventTime, event.time());
        if (event instanceof SparkEvent.JobStart start) {
            startTime = startTime == NONE ? start.time() : Math.min(startTime, start.time());
            user = leastOf(user, start.user());
        } else if (event instanceof SparkEvent.JobUser jobUser) {
            user = leastOf(user, jobUser.user());
        } else if (event instanceof SparkEvent.JobEnd end) {
            endTime = Math.max(endTime, end.time());
            failed |= end.failed();
        } else if (event instanceof SparkEvent.TaskEnd task) {
            totalTasks++;
            if (task.outcome() == SparkEvent.Outcome.FAILED) {
                failedTasks++;
            } else if (task.outcome() == SparkEvent.Outcome.KILLED) {
                killedTasks++;
            }
            if (task.durationMs() >= 0) {
                durations.add(task.durationMs());
            }
        }
    }

    public JobAnalytics analytics() {
        boolean ended = endTime != NONE;
        long successful = totalTasks - failedTasks - killedTasks;
        Double durationSeconds = ended && startTime != NONE ? (endTime - startTime) / 1000.0 : null;
        boolean timed = durations.count() > 0;
        return new JobAnalytics(jobId, appId, user, !ended ? JobAnalytics.RUNNING : failed ? JobAnalytics.FAILED : JobAnalytics.SUCCESS,
                iso(startTime), ended ? iso(endTime) : null, durationSeconds, totalTasks, failedTasks, killedTasks, successful,
                totalTasks == 0 ? 0.0 : (double) successful / totalTasks,
                new JobAnalytics.TaskDurations(timed ? durations.percentile(0.50) : null, timed ? durations.percentile(0.95) : null,
                        timed ? durations.max() : null));
    }

    private static String iso(long millis) {
        return millis == NONE ? null : Instant.ofEpochMilli(millis).toString();
    }

    private static String leastOf(String current, String offered) {
        if (offered == null) {
            return current;
        }
        return current == null || offered.compareTo(current) < 0 ? offered : current;
    }
}
