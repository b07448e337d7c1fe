package io.streamlytics.topology.sparkjobs;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Changes of jobs' rows (keyed by day) → each day's summary and its listing of jobs: the row before a
 * change is taken away, the row after it added. A day is kept until it is older than the retention
 * (it ended more than the retention before stream time); changes for such a day are no longer taken.
 */
final class DailyJobSummaryProcessor implements Processor<String, JobOutput.SummaryChange, Void, Void> {
    private final long retentionMs;
    private KeyValueStore<String, DaySummary> summaries;
    private KeyValueStore<String, JobAnalytics> dayJobs;
    private ProcessorContext<Void, Void> context;

    DailyJobSummaryProcessor(Duration retention) {
        this.retentionMs = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.summaries = context.getStateStore(SparkJobsPipeline.DAILY_SUMMARY_STORE);
        this.dayJobs = context.getStateStore(SparkJobsPipeline.DAY_JOBS_STORE);
        context.schedule(SparkJobsPipeline.EXPIRY_INTERVAL, PunctuationType.STREAM_TIME, this::forgetOldDays);
    }

    @Override
    public void process(Record<String, JobOutput.SummaryChange> record) {
        String day = record.key();
        if (day.compareTo(oldestKeptDay(context.currentStreamTimeMs())) < 0) {
            return;
        }
        DaySummary summary = summaries.get(day);
        summary = summary == null ? DaySummary.EMPTY : summary;
        JobAnalytics before = record.value().before();
        JobAnalytics after = record.value().after();
        if (before != null) {
            summary = summary.with(before, -1);
            dayJobs.delete(SparkJobKeys.dayJob(day, before.startMillis(), before.jobKey()));
        }
        if (after != null) {
            summary = summary.with(after, 1);
            dayJobs.put(SparkJobKeys.dayJob(day, after.startMillis(), after.jobKey()), after);
        }
        if (summary.totalJobs() == 0) {
            summaries.delete(day);
        } else {
            summaries.put(day, summary);
        }
    }

    private String oldestKeptDay(long time) {
        return SparkJobKeys.dayOf(Math.max(0, time - retentionMs));
    }

    private void forgetOldDays(long time) {
        String oldest = oldestKeptDay(time);
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, DaySummary> days = summaries.range(null, oldest)) {
            days.forEachRemaining(day -> {
                if (day.key.compareTo(oldest) < 0) {
                    old.add(day.key);
                }
            });
        }
        for (String day : old) {
            summaries.delete(day);
            SparkJobsPipeline.deleteByPrefix(dayJobs, SparkJobKeys.prefix(day));
        }
    }
}
