package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.events.SparkEvent;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Event-log lines of one application (keyed by app id) → events of its jobs (keyed {@code app/job}).
 * A task end names only its stage, so every task end is kept, keyed by (app, stage, task, attempt), and
 * sent to each job whose job start lists its stage: at once to the jobs already known, and to a job
 * whose start comes later when that start arrives. Any arrival order thus sends every task end to the
 * same jobs; a redelivered one is dropped here (and the job processor drops repeats as well).
 * Kept task ends and stage claims live in window stores timed by their event: they leave after the
 * retention, so a long-running application (streaming, a job per batch) does not grow them forever.
 */
final class StageJobResolver implements Processor<String, SparkEvent, String, SparkEvent> {
    private final long retentionMs;
    private ProcessorContext<String, SparkEvent> context;
    private KeyValueStore<String, SparkApp> apps;
    private WindowStore<String, String> stageJobs;
    private WindowStore<String, SparkEvent> taskEnds;

    StageJobResolver(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SparkEvent> context) {
        this.context = context;
        this.apps = context.getStateStore(SparkJobsPipeline.APPS_STORE);
        this.stageJobs = context.getStateStore(SparkJobsPipeline.STAGE_JOBS_STORE);
        this.taskEnds = context.getStateStore(SparkJobsPipeline.APP_TASK_ENDS_STORE);
        context.schedule(SparkJobsPipeline.EXPIRY_INTERVAL, PunctuationType.STREAM_TIME, this::forgetIdleApps);
    }

    @Override
    public void process(Record<String, SparkEvent> record) {
        SparkEvent event = record.value();
        String app = event.appId();
        SparkApp known = apps.get(app);
        SparkApp after = (known == null ? SparkApp.UNKNOWN : known).seenAt(event.time());
        if (event instanceof SparkEvent.JobStart start) {
            send(start.user() == null && after.user() != null ? start.withUser(after.user()) : start);
            for (int stage : start.stageIds()) {
                claimStage(app, Integer.toString(stage), start);
            }
        } else if (event instanceof SparkEvent.TaskEnd task) {
            String stage = Integer.toString(task.stageId());
            String key = SparkJobKeys.join(app, stage, task.taskId(), Integer.toString(task.attempt()));
            if (taskEnds.fetch(key, task.time()) == null) {
                taskEnds.put(key, task, task.time());
                eachInRange(stageJobs, app, stage, job -> send(task.ofJob(job)));
            }
        } else if (event instanceof SparkEvent.JobEnd end) {
            send(end);
        } else if (event instanceof SparkEvent.AppStart start && start.user() != null
                && (after.user() == null || start.user().compareTo(after.user()) < 0)) {
            // the least user wins, as in JobState, so that conflicting application starts still converge
            after = after.withUser(start.user());
            TreeSet<String> jobs = new TreeSet<>();
            eachInRange(stageJobs, app, null, jobs::add);
            jobs.forEach(job -> send(new SparkEvent.JobUser(app, job, start.time(), start.user())));
        }
        if (!after.equals(known)) {
            apps.put(app, after);
        }
    }

    /** Records that the job runs the stage; if that is new, sends the job the stage's task ends that came before. */
    private void claimStage(String app, String stage, SparkEvent.JobStart start) {
        String key = SparkJobKeys.join(app, stage, start.jobId());
        if (stageJobs.fetch(key, start.time()) != null) {
            return;
        }
        stageJobs.put(key, start.jobId(), start.time());
        eachInRange(taskEnds, app, stage, task -> send(((SparkEvent.TaskEnd) task).ofJob(start.jobId())));
    }

    /** Every value kept under (app, stage), or under the app when stage is null, whenever it was stored. */
    private static <V> void eachInRange(WindowStore<String, V> store, String app, String stage, Consumer<V> action) {
        String[] parts = stage == null ? new String[] {app} : new String[] {app, stage};
        try (KeyValueIterator<Windowed<String>, V> kept = store.fetch(SparkJobKeys.prefix(parts), SparkJobKeys.prefixEnd(parts),
                0L, Long.MAX_VALUE)) {
            kept.forEachRemaining(entry -> action.accept(entry.value));
        }
    }

    private void send(SparkEvent.OfJob event) {
        context.forward(new Record<>(event.jobKey(), event, event.time()));
    }

    private void forgetIdleApps(long streamTime) {
        List<String> idle = new ArrayList<>();
        try (KeyValueIterator<String, SparkApp> all = apps.all()) {
            all.forEachRemaining(app -> {
                if (app.value.lastEventTime() < streamTime - retentionMs) {
                    idle.add(app.key);
                }
            });
        }
        idle.forEach(apps::delete);
    }
}
