package io.streamlytics.tools.sparkfixture;

/** What Spark's listener reported for one job: the shape of a {@code jobs[]} entry of the expected file. */
public record JobRecord(
        int jobId,
        String result,
        long submissionTimeMs,
        long completionTimeMs,
        int totalTasks,
        int failedTasks,
        int killedTasks,
        int successfulTasks,
        long taskDurationMaxMs) {
}
