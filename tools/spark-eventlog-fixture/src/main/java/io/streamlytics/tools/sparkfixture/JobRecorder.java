package io.streamlytics.tools.sparkfixture;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.JobSucceeded$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.scheduler.TaskInfo;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Records, per job, what Spark reports to a listener in the same run that writes the event log.
 * A task end names only its stage; the job is found through the stage ids of the job start, the
 * same mapping a consumer of the event log has to make. Counts are of task attempts.
 */
public final class JobRecorder extends SparkListener {

    private final Map<Integer, Integer> jobOfStage = new ConcurrentHashMap<>();
    private final Map<Integer, JobTally> tallies = new ConcurrentHashMap<>();
    private final AtomicInteger runningAttempts = new AtomicInteger();
    // Spark's listener bus only logs what a listener throws, so problems are kept and checked by the caller
    private final List<String> problems = new CopyOnWriteArrayList<>();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        for (Object stageId : CollectionConverters.asJava(jobStart.stageIds())) {
            Integer previous = jobOfStage.put((Integer) stageId, jobStart.jobId());
            // A stage shared by two jobs (a reused shuffle) would make the stage -> job mapping ambiguous.
            if (previous != null) {
                problems.add("stage " + stageId + " belongs to jobs " + previous + " and " + jobStart.jobId());
            }
        }
        tallies.put(jobStart.jobId(), new JobTally(jobStart.jobId(), jobStart.time()));
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart taskStart) {
        runningAttempts.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        runningAttempts.decrementAndGet();
        Integer jobId = jobOfStage.get(taskEnd.stageId());
        if (jobId == null) {
            problems.add("task end of stage " + taskEnd.stageId() + " before any job start naming it");
            return;
        }
        tallies.get(jobId).add(taskEnd.taskInfo());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        String result = jobEnd.jobResult() == JobSucceeded$.MODULE$ ? "JobSucceeded" : "JobFailed";
        tallies.get(jobEnd.jobId()).end(result, jobEnd.time());
    }

    /** Task attempts started and not yet ended, as far as events delivered to this listener tell. */
    public int runningAttempts() {
        return runningAttempts.get();
    }

    /** What made the recorded counts unreliable; empty for a usable run. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public List<JobRecord> jobs() {
        List<JobRecord> jobs = new ArrayList<>();
        tallies.values().stream().sorted((a, b) -> Integer.compare(a.jobId, b.jobId)).forEach(t -> jobs.add(t.toRecord()));
        return jobs;
    }

    /** Mutable per-job counts; only touched from the listener bus thread, read after the bus is drained. */
    private static final class JobTally {
        private final int jobId;
        private final long submissionTimeMs;
        private String result;
        private long completionTimeMs = -1;
        private int total;
        private int failed;
        private int killed;
        private int successful;
        private long durationMaxMs;

        JobTally(int jobId, long submissionTimeMs) {
            this.jobId = jobId;
            this.submissionTimeMs = submissionTimeMs;
        }

        void add(TaskInfo task) {
            total++;
            if (task.failed()) {
                failed++;
            }
            if (task.killed()) {
                killed++;
            }
            if (task.successful()) {
                successful++;
            }
            durationMaxMs = Math.max(durationMaxMs, task.finishTime() - task.launchTime());
        }

        void end(String jobResult, long timeMs) {
            result = jobResult;
            completionTimeMs = timeMs;
        }

        JobRecord toRecord() {
            return new JobRecord(jobId, result, submissionTimeMs, completionTimeMs, total, failed, killed, successful, durationMaxMs);
        }
    }
}
