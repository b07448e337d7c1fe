package io.streamlytics.topology.sparkjobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.topology.events.SparkEvent;

import java.time.Instant;

/**
 * One job's analytics (contract section 2), as the job-analytics topic, {@code /analytics/jobs/…} and a
 * day's job listing show it. Times are ISO-8601 UTC; {@code end_time} and {@code duration_seconds} are
 * null while the job runs, and {@code start_time} until its start is seen.
 */
public record JobAnalytics(@JsonProperty("job_id") String jobId,
                           @JsonProperty("app_id") String appId,
                           @JsonProperty("user") String user,
                           @JsonProperty("status") String status,
                           @JsonProperty("start_time") String startTime,
                           @JsonProperty("end_time") String endTime,
                           @JsonProperty("duration_seconds") Double durationSeconds,
                           @JsonProperty("total_tasks") long totalTasks,
                           @JsonProperty("failed_tasks") long failedTasks,
                           @JsonProperty("killed_tasks") long killedTasks,
                           @JsonProperty("successful_tasks") long successfulTasks,
                           @JsonProperty("success_rate") double successRate,
                           @JsonProperty("task_duration_ms") TaskDurations taskDurationMs) {
    public static final String RUNNING = "running";
    public static final String SUCCESS = "success";
    public static final String FAILED = "failed";

    /** Nearest-rank p50 and p95 (within 1%) and the exact maximum over every ended task attempt with a duration; null without one. */
    public record TaskDurations(@JsonProperty("p50") Double p50, @JsonProperty("p95") Double p95, @JsonProperty("max") Double max) {
    }

    @JsonIgnore
    public String jobKey() {
        return SparkEvent.jobKey(appId, jobId);
    }

    /** Start time in epoch milliseconds, or null while the job's start is not known. */
    @JsonIgnore
    public Long startMillis() {
        return startTime == null ? null : Instant.parse(startTime).toEpochMilli();
    }

    /** The UTC day the job counts in, or null while its start is not known. */
    @JsonIgnore
    public String day() {
        return startTime == null ? null : SparkJobKeys.dayOf(startMillis());
    }
}
