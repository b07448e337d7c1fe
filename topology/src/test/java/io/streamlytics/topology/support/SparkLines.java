package io.streamlytics.topology.support;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/** spark-events lines for tests: the simplified form, and Spark's own event log (only the fields the topology reads, plus one it ignores). */
public final class SparkLines {
    private SparkLines() {
    }

    public static String jobStart(String jobId, Instant time, String user) {
        return "{\"job_id\":" + id(jobId) + ",\"event\":\"SparkListenerJobStart\",\"timestamp\":\"" + time + "\""
                + (user == null ? "" : ",\"user\":\"" + user + "\"") + "}";
    }

    /** A task end; {@code durationMs} < 0 leaves the duration out. */
    public static String taskEnd(String jobId, Instant time, String taskId, int attempt, double durationMs, boolean successful) {
        return "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":" + id(jobId) + ",\"timestamp\":\"" + time + "\",\"task_id\":\""
                + taskId + "\",\"attempt\":" + attempt + (durationMs < 0 ? "" : ",\"duration_ms\":" + durationMs)
                + ",\"successful\":" + successful + "}";
    }

    public static String killedTaskEnd(String jobId, Instant time, String taskId, int attempt, double durationMs) {
        return "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":" + id(jobId) + ",\"timestamp\":\"" + time + "\",\"task_id\":\""
                + taskId + "\",\"attempt\":" + attempt + ",\"duration_ms\":" + durationMs + ",\"successful\":false,\"killed\":true}";
    }

    public static String jobEnd(String jobId, Instant time, boolean succeeded) {
        return "{\"event\":\"SparkListenerJobEnd\",\"job_id\":" + id(jobId) + ",\"timestamp\":\"" + time + "\",\"completion_time\":\""
                + time + "\",\"job_result\":\"" + (succeeded ? "JobSucceeded" : "JobFailed") + "\"}";
    }

    public static String appStart(String appId, String user, Instant time) {
        return "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"test\",\"App ID\":\"" + appId + "\",\"Timestamp\":"
                + time.toEpochMilli() + ",\"User\":\"" + user + "\"}";
    }

    public static String logJobStart(int jobId, Instant time, int... stages) {
        return "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + jobId + ",\"Submission Time\":" + time.toEpochMilli()
                + ",\"Stage IDs\":[" + Arrays.stream(stages).mapToObj(Integer::toString).collect(Collectors.joining(",")) + "]}";
    }

    public static String logTaskEnd(int stage, long taskId, int attempt, Instant launch, Instant finish, boolean failed, boolean killed) {
        return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + stage + ",\"Stage Attempt ID\":0,\"Task End Reason\":{\"Reason\":\""
                + (failed ? "ExceptionFailure" : killed ? "TaskKilled" : "Success") + "\"},\"Task Info\":{\"Task ID\":" + taskId
                + ",\"Attempt\":" + attempt + ",\"Launch Time\":" + launch.toEpochMilli() + ",\"Finish Time\":" + finish.toEpochMilli()
                + ",\"Failed\":" + failed + ",\"Killed\":" + killed + "}}";
    }

    public static String logJobEnd(int jobId, Instant time, boolean succeeded) {
        return "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":" + jobId + ",\"Completion Time\":" + time.toEpochMilli()
                + ",\"Job Result\":{\"Result\":\"" + (succeeded ? "JobSucceeded" : "JobFailed") + "\"}}";
    }

    public static String logStageSubmitted(int stage) {
        return "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":" + stage + ",\"Number of Tasks\":4}}";
    }

    /** The same line with an {@code app_id} field, as ingest writes it. */
    public static String withAppId(String line, String appId) {
        return "{\"app_id\":\"" + appId + "\"," + line.substring(1);
    }

    /** Numeric ids as JSON numbers, the way the earlier service's producers sent them. */
    private static String id(String jobId) {
        return jobId.chars().allMatch(Character::isDigit) ? jobId : "\"" + jobId + "\"";
    }
}
