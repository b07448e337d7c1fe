package io.streamlytics.topology.sparkjobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The sums behind one day's job summary. Everything is a whole number (success rates in millionths,
 * durations in milliseconds), so adding a job and taking it away again gives back exactly what was
 * there, whatever order the changes of different jobs come in.
 */
public record DaySummary(long totalJobs, long totalTasks, long failedTasks, long jobsWithTasks, long successRateMillionthsSum,
                         long endedJobs, long durationMillisSum) {
    public static final DaySummary EMPTY = new DaySummary(0, 0, 0, 0, 0, 0, 0);

    /** The summary as {@code GET /analytics/summary} shows it (contract sections 2 and 6). */
    public record View(@JsonProperty("total_jobs") long totalJobs,
                       @JsonProperty("total_tasks") long totalTasks,
                       @JsonProperty("failed_tasks") long failedTasks,
                       @JsonProperty("avg_success_rate") double avgSuccessRate,
                       @JsonProperty("avg_duration_seconds") double avgDurationSeconds) {
    }

    /** This day with {@code job} added ({@code sign} 1) or taken away (-1). */
    public DaySummary with(JobAnalytics job, int sign) {
        boolean hasTasks = job.totalTasks() > 0;
        boolean timed = job.durationSeconds() != null;
        return new DaySummary(totalJobs + sign, totalTasks + sign * job.totalTasks(), failedTasks + sign * job.failedTasks(),
                jobsWithTasks + (hasTasks ? sign : 0),
                successRateMillionthsSum + (hasTasks ? sign * Math.round(job.successRate() * 1_000_000) : 0),
                endedJobs + (timed ? sign : 0), durationMillisSum + (timed ? sign * Math.round(job.durationSeconds() * 1000) : 0));
    }

    /** Averages are 0.0 when there is nothing to average, like a job's success rate without tasks. */
    public View view() {
        return new View(totalJobs, totalTasks, failedTasks,
                jobsWithTasks == 0 ? 0.0 : round(successRateMillionthsSum / 1e6 / jobsWithTasks, 4),
                endedJobs == 0 ? 0.0 : round(durationMillisSum / 1e3 / endedJobs, 3));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    public static final class Serde extends BinarySerde<DaySummary> {
        private static final int VERSION = 1;

        @Override
        protected void write(DaySummary day, DataOutputStream out) throws IOException {
            out.writeByte(VERSION);
            for (long value : new long[] {day.totalJobs, day.totalTasks, day.failedTasks, day.jobsWithTasks,
                    day.successRateMillionthsSum, day.endedJobs, day.durationMillisSum}) {
                out.writeLong(value);
            }
        }

        @Override
        protected DaySummary read(DataInputStream in) throws IOException {
            expectVersion(in, VERSION);
            return new DaySummary(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
        }
    }
}
