package io.streamlytics.tools.sparkfixture;

import java.util.List;
import org.apache.spark.status.AppStatusStore;
import org.apache.spark.status.api.v1.JobData;

/**
 * Prints the listener's per-job counts beside those of Spark's status store (what the UI and
 * REST API show). They count differently: the store's numTasks is tasks of the job's stages, not
 * attempts, and its completed/failed/killed split comes from the task end reason.
 */
final class StatusStoreComparison {

    private StatusStoreComparison() {
    }

    static void print(AppStatusStore store, List<JobRecord> jobs) {
        System.out.println("job | listener: attempts failed killed successful | status store: numTasks"
                + " numCompletedTasks numFailedTasks numKilledTasks numCompletedIndices numSkippedTasks");
        for (JobRecord job : jobs) {
            JobData data = store.job(job.jobId());
            System.out.printf("%d | %d %d %d %d | %d %d %d %d %d %d%n", job.jobId(),
                    job.totalTasks(), job.failedTasks(), job.killedTasks(), job.successfulTasks(),
                    data.numTasks(), data.numCompletedTasks(), data.numFailedTasks(), data.numKilledTasks(),
                    data.numCompletedIndices(), data.numSkippedTasks());
        }
    }
}
