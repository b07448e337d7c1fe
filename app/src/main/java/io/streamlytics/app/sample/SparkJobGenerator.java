package io.streamlytics.app.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.EventJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Spark jobs in the simplified spark-events form: a few users' jobs start, report their tasks (some failing, some
 * attempts retried) and end, succeeded or failed, several running at once; on request out-of-order, duplicate and
 * bad records.
 */
public final class SparkJobGenerator implements EventGenerator {
    private static final String[] USERS = {"alice", "bob", "carol", "dave"};
    private static final int MOST_RUNNING = 4;
    private static final String[] BAD_RECORDS = {
            "{\"event\":\"SparkListenerJobStart\",\"timestamp\":\"2025-05-22T15:00:00Z\",\"user\":\"alice\"}",
            "{\"event\":\"SparkListenerTaskEnd\",\"job_id\":\"seven\",\"task_id\":\"task_001\",\"duration_ms\":10}",
            "{\"event\":\"SparkListenerJobEnd\",\"job_id\":12,\"timestamp\":\"not a time\",\"job_result\":\"JobSucceeded\"}",
            "{\"job_id\":12}"};

    private static final class Job {
        final long id;
        final int tasks;
        int reported;
        int failures;

        Job(long id, int tasks) {
            this.id = id;
            this.tasks = tasks;
        }
    }

    private final Random random;
    private final FaultShares shares;
    private final List<Job> running = new ArrayList<>();
    private final long firstJobId;
    private long nextJobId;

    /** Shares are fractions 0..1 of the produced records. */
    public SparkJobGenerator(long seed, double outOfOrder, double duplicates, double bad) {
        this.random = new Random(seed);
        this.shares = new FaultShares(outOfOrder, duplicates, bad);
        this.firstJobId = 1000 + random.nextInt(9000);
        this.nextJobId = firstJobId;
    }

    /** The id of the first job this generator starts. */
    public long firstJobId() {
        return firstJobId;
    }

    @Override
    public List<String> live(long nowMs, long maxDisorderMs) {
        return shares.live(random, nowMs, maxDisorderMs, this::next, BAD_RECORDS);
    }

    private String next(long timestamp) {
        if (running.isEmpty() || running.size() < MOST_RUNNING && random.nextInt(8) == 0) {
            Job job = new Job(nextJobId++, 3 + random.nextInt(20));
            running.add(job);
            ObjectNode start = event(timestamp, job, "SparkListenerJobStart");
            start.put("user", USERS[Math.min(random.nextInt(USERS.length), random.nextInt(USERS.length))]);
            return start.toString();
        }
        Job job = running.get(random.nextInt(running.size()));
        if (job.reported < job.tasks) {
            job.reported++;
            boolean successful = random.nextInt(12) != 0;
            if (!successful) {
                job.failures++;
            }
            ObjectNode task = event(timestamp, job, "SparkListenerTaskEnd");
            task.put("task_id", String.format("task_%03d", job.reported));
            task.put("duration_ms", 200 + random.nextInt(random.nextInt(10) == 0 ? 60_000 : 5_000));
            task.put("successful", successful);
            return task.toString();
        }
        running.remove(job);
        ObjectNode end = event(timestamp, job, "SparkListenerJobEnd");
        end.put("completion_time", Instant.ofEpochMilli(timestamp).toString());
        end.put("job_result", job.failures > job.tasks / 4 ? "JobFailed" : "JobSucceeded");
        return end.toString();
    }

    private static ObjectNode event(long timestamp, Job job, String name) {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("job_id", job.id);
        event.put("event", name);
        event.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        return event;
    }
}
