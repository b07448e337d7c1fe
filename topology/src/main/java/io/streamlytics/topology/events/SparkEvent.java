package io.streamlytics.topology.events;

import java.util.List;

/**
 * One spark-events record, in either form (contract section 1). Events of Spark's own event log carry
 * their application id; simplified events have none. A job is addressed by {@link #jobKey}: the job id
 * alone for simplified events, {@code {app_id}/{job_id}} for an application's jobs.
 */
public sealed interface SparkEvent permits SparkEvent.OfJob, SparkEvent.AppStart, SparkEvent.Ignored {

    /** Event time, epoch milliseconds. */
    long time();

    /** The application of an event-log line; null for simplified events. */
    String appId();

    /** An event of one job: what the per-job analytics are made of. */
    sealed interface OfJob extends SparkEvent permits JobStart, TaskEnd, JobEnd, JobUser {
        /** Null only for an event-log task end whose stage is not yet mapped to its job. */
        String jobId();

        default String jobKey() {
            return SparkEvent.jobKey(appId(), jobId());
        }
    }

    static String jobKey(String appId, String jobId) {
        return appId == null ? jobId : appId + "/" + jobId;
    }

    /** How a task attempt ended. */
    enum Outcome {
        SUCCESS, FAILED, KILLED
    }

    /** @param stageIds the job's stages (event logs only; empty for simplified events) */
    record JobStart(String appId, String jobId, long time, String user, List<Integer> stageIds) implements OfJob {
        public JobStart withUser(String appUser) {
            return new JobStart(appId, jobId, time, appUser, stageIds);
        }
    }

    /**
     * One ended task attempt.
     *
     * @param jobId      null for an event-log line until its stage is mapped to a job
     * @param stageId    the stage of an event-log line; -1 for simplified events
     * @param durationMs -1 when the event does not say
     */
    record TaskEnd(String appId, String jobId, int stageId, String taskId, int attempt, double durationMs, Outcome outcome,
                   long time) implements OfJob {
        public TaskEnd ofJob(String mappedJobId) {
            return new TaskEnd(appId, mappedJobId, stageId, taskId, attempt, durationMs, outcome, time);
        }
    }

    record JobEnd(String appId, String jobId, long time, boolean failed) implements OfJob {
    }

    /** SparkListenerApplicationStart: the user of all the application's jobs. */
    record AppStart(String appId, long time, String user) implements SparkEvent {
    }

    /** The user of an application's job, learnt after its job start (made by the topology, never parsed). */
    record JobUser(String appId, String jobId, long time, String user) implements OfJob {
    }

    /**
     * Any other listener event: accepted and ignored. Many carry no time of their own; they are timed
     * {@link #NO_TIME} so that they neither move stream time nor are ever judged late.
     */
    record Ignored(String appId, long time) implements SparkEvent {
        public static final long NO_TIME = 0;

        public Ignored(String appId) {
            this(appId, NO_TIME);
        }
    }
}
