package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.events.SparkEvent;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Events of one job (keyed by job) → its analytics. A task attempt seen before is dropped, for the life
 * of the job. Every change of a job's analytics goes to job-analytics, and, as the job's row before and
 * after, to the summary of the day it started (both days when its start moved). A job idle for longer
 * than the retention (in event time) is forgotten, and stays counted in its day.
 */
final class JobAnalyticsProcessor implements Processor<String, SparkEvent, String, JobOutput> {
    private static final byte[] SEEN = new byte[0];

    private final long retentionMs;
    private ProcessorContext<String, JobOutput> context;
    private KeyValueStore<String, JobState> jobs;
    private KeyValueStore<String, byte[]> seenTasks;
    private KeyValueStore<String, byte[]> idleQueue;

    JobAnalyticsProcessor(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, JobOutput> context) {
        this.context = context;
        this.jobs = context.getStateStore(SparkJobsPipeline.JOBS_STORE);
        this.seenTasks = context.getStateStore(SparkJobsPipeline.JOB_TASKS_STORE);
        this.idleQueue = context.getStateStore(SparkJobsPipeline.JOB_IDLE_QUEUE_STORE);
        context.schedule(SparkJobsPipeline.EXPIRY_INTERVAL, PunctuationType.STREAM_TIME, this::forgetIdleJobs);
    }

    @Override
    public void process(Record<String, SparkEvent> record) {
        String jobKey = record.key();
        var event = (SparkEvent.OfJob) record.value();
        if (event instanceof SparkEvent.TaskEnd task) {
            String seen = SparkJobKeys.join(jobKey, task.taskId(), Integer.toString(task.attempt()));
            if (seenTasks.get(seen) != null) {
                return;
            }
            seenTasks.put(seen, SEEN);
        }
        JobState job = jobs.get(jobKey);
        JobAnalytics before = job == null ? null : job.analytics();
        if (job == null) {
            job = new JobState(event.appId(), event.jobId());
        }
        job.apply(event);
        jobs.put(jobKey, job);
        if (before == null) {
            idleQueue.put(SparkJobKeys.join(SparkJobKeys.time(job.lastEventTime), jobKey), SEEN);
        }
        JobAnalytics after = job.analytics();
        if (after.equals(before)) {
            return;
        }
        context.forward(record.withValue(new JobOutput.Analytics(after)));
        String beforeDay = before == null ? null : before.day();
        String afterDay = after.day();
        if (Objects.equals(beforeDay, afterDay)) {
            if (afterDay != null) {
                context.forward(record.withKey(afterDay).withValue(new JobOutput.SummaryChange(before, after)));
            }
            return;
        }
        if (beforeDay != null) {
            context.forward(record.withKey(beforeDay).withValue(new JobOutput.SummaryChange(before, null)));
        }
        if (afterDay != null) {
            context.forward(record.withKey(afterDay).withValue(new JobOutput.SummaryChange(null, after)));
        }
    }

    /**
     * The idle queue holds each job once, under the event time it had when queued; a due entry whose job
     * has seen newer events since is queued again under that newer time, so events cost no queue writes.
     */
    private void forgetIdleJobs(long streamTime) {
        long cutoff = streamTime - retentionMs;
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = idleQueue.range(null, SparkJobKeys.time(cutoff))) {
            entries.forEachRemaining(entry -> due.add(entry.key));
        }
        for (String entry : due) {
            idleQueue.delete(entry);
            String jobKey = entry.substring(entry.indexOf(SparkJobKeys.SEPARATOR) + 1);
            JobState job = jobs.get(jobKey);
            if (job == null) {
                continue;
            }
            if (job.lastEventTime >= cutoff) {
                idleQueue.put(SparkJobKeys.join(SparkJobKeys.time(job.lastEventTime), jobKey), SEEN);
                continue;
            }
            jobs.delete(jobKey);
            SparkJobsPipeline.deleteByPrefix(seenTasks, SparkJobKeys.prefix(jobKey));
            context.forward(new Record<>(jobKey, new JobOutput.Analytics(null), streamTime));
        }
    }
}
