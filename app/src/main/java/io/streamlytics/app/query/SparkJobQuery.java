package io.streamlytics.app.query;

import io.streamlytics.topology.sparkjobs.DaySummary;
import io.streamlytics.topology.sparkjobs.JobAnalytics;
import io.streamlytics.topology.sparkjobs.JobState;
import io.streamlytics.topology.sparkjobs.SparkJobKeys;
import io.streamlytics.topology.sparkjobs.SparkJobsPipeline;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.state.KeyValueIterator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /analytics/jobs/…} (one job, read where it lives) and {@code GET /analytics/summary?date=}
 * (one day: its summary and a page of its jobs, both kept in the partition that owns the day).
 */
public final class SparkJobQuery {
    /** One day: its summary, a page of its jobs, and the cursor of the next page or null. */
    public record Day(String date, DaySummary.View summary, List<JobAnalytics> jobs, String next) {
    }

    private final LocalQueries reader;

    public SparkJobQuery(LocalQueries reader) {
        this.reader = reader;
    }

    public JobAnalytics job(String jobKey, int partition, boolean requireActive) {
        JobState job = read(SparkJobsPipeline.JOBS_STORE, KeyQuery.<String, JobState>withKey(jobKey), partition, requireActive);
        if (job == null) {
            throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.JOB, jobKey);
        }
        return job.analytics();
    }

    /**
     * The day's jobs by start time, then job; {@code after} is the position of the {@code next} cursor of the
     * previous page ({@link #positionOf}), null for the first page.
     */
    public Day day(LocalDate date, String after, int limit, int partition, boolean requireActive) {
        String day = date.toString();
        DaySummary summary = read(SparkJobsPipeline.DAILY_SUMMARY_STORE, KeyQuery.<String, DaySummary>withKey(day), partition, requireActive);
        String from = SparkJobKeys.prefix(day) + (after == null ? "" : after);
        List<KeyValue<String, JobAnalytics>> rows = new ArrayList<>();
        try (KeyValueIterator<String, JobAnalytics> jobs = read(SparkJobsPipeline.DAY_JOBS_STORE,
                RangeQuery.<String, JobAnalytics>withRange(from, SparkJobKeys.prefixEnd(day)), partition, requireActive)) {
            while (jobs.hasNext() && rows.size() <= limit) {
                KeyValue<String, JobAnalytics> job = jobs.next();
                if (!job.key.equals(from)) {
                    rows.add(job);
                }
            }
        }
        List<KeyValue<String, JobAnalytics>> page = rows.subList(0, Math.min(limit, rows.size()));
        return new Day(day, (summary == null ? DaySummary.EMPTY : summary).view(), page.stream().map(job -> job.value).toList(),
                rows.size() > limit ? encodeCursor(page.get(page.size() - 1).key.substring(day.length() + 1)) : null);
    }

    private <R> R read(String store, org.apache.kafka.streams.query.Query<R> query, int partition, boolean requireActive) {
        return reader.readPartition(StateQueryRequest.inStore(store).withQuery(query), partition, requireActive);
    }

    private static String encodeCursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position in the day's jobs that a {@code next} cursor stands for; empty when it is no such cursor. */
    public static Optional<String> positionOf(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return position.indexOf(SparkJobKeys.SEPARATOR) == 19 ? Optional.of(position) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
