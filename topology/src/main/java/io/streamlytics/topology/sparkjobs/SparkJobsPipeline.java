package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.store.WindowChangelogs;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.admission.AdmissionProcessor;
import io.streamlytics.topology.admission.AdmissionRoutes;
import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.events.SparkEvent;
import io.streamlytics.topology.events.SparkEventParser;
import io.streamlytics.topology.serde.JsonSerde;
import io.streamlytics.topology.serde.SparkEventSerde;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * spark-events → job analytics and daily job summaries. Admission (validate both forms, dead-letter bad
 * lines, judge an event late only when it is older than the retention) → event-log lines repartitioned
 * by application, where {@link StageJobResolver} maps task ends to jobs through their stages →
 * with the simplified events, repartitioned by job → {@link JobAnalyticsProcessor} → job-analytics, and
 * row changes repartitioned by day → {@link DailyJobSummaryProcessor}.
 */
public final class SparkJobsPipeline {
    public static final String STREAM_TIME_STORE = "spark-events-stream-time";
    public static final String APPS_STORE = "spark-apps-store";
    public static final String STAGE_JOBS_STORE = "spark-stage-jobs-store";
    public static final String APP_TASK_ENDS_STORE = "spark-app-task-ends-store";
    public static final String JOBS_STORE = "spark-job-analytics-store";
    public static final String JOB_TASKS_STORE = "spark-job-tasks-seen-store";
    public static final String JOB_IDLE_QUEUE_STORE = "spark-job-idle-queue-store";
    public static final String DAILY_SUMMARY_STORE = "spark-daily-summary-store";
    public static final String DAY_JOBS_STORE = "spark-day-jobs-store";
    public static final String BY_APP = "spark-events-by-app";
    public static final String BY_JOB = "spark-events-by-job";
    public static final String BY_DAY = "spark-summary-changes-by-day";
    /** How often, in stream time, idle jobs and applications and old days are looked for. */
    static final Duration EXPIRY_INTERVAL = Duration.ofHours(1);
    public static final JsonSerde<JobAnalytics> ROW_SERDE = new JsonSerde<>(JobAnalytics.class);
    private static final String ROUTES = "spark-events-form-";
    private static final String OUTPUTS = "spark-job-outputs-";

    private SparkJobsPipeline() {
    }

    /** Event-log lines go by application (their stages are mapped there), simplified events by job. */
    public static String routingKey(SparkEvent event) {
        if (event.appId() != null) {
            return event.appId();
        }
        return event instanceof SparkEvent.OfJob ofJob ? ofJob.jobKey() : null;
    }

    public static void addTo(StreamsBuilder builder, TopologyConfig config, SourceProgress sources) {
        var topics = config.topics();
        long retentionMs = config.retention().toMillis();
        // no window closes on these events: only one older than everything kept is late
        var rules = new AdmissionRules<>(new SparkEventParser(), SparkJobsPipeline::routingKey, SparkEvent::time,
                time -> time == SparkEvent.Ignored.NO_TIME ? Long.MAX_VALUE : time + retentionMs,
                STREAM_TIME_STORE, config.watermarks(new WatermarkSource(topics.sparkEvents(), sources)));
        addStores(builder, config.retention());

        var admitted = builder.stream(topics.sparkEvents(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("spark-events-source"))
                .process(() -> new AdmissionProcessor<>(rules), Named.as("spark-events-admission"), STREAM_TIME_STORE);
        Map<String, KStream<String, SparkEvent>> events = AdmissionRoutes.route(admitted, "spark-events", topics)
                // nothing downstream closes windows, so watermarks need not travel; other listener events end here
                .filter((key, message) -> message instanceof StreamMessage.Event<SparkEvent> event
                        && !(event.event() instanceof SparkEvent.Ignored), Named.as("spark-events-of-jobs"))
                .mapValues(message -> ((StreamMessage.Event<SparkEvent>) message).event(), Named.as("spark-events-unwrapped"))
                .split(Named.as(ROUTES))
                .branch((key, event) -> event.appId() != null, Branched.as("of-apps"))
                .defaultBranch(Branched.as("simplified"));
        KStream<String, SparkEvent> resolved = events.get(ROUTES + "of-apps")
                .repartition(Repartitioned.<String, SparkEvent>as(BY_APP)
                        .withKeySerde(Serdes.String()).withValueSerde(new SparkEventSerde()))
                .process(() -> new StageJobResolver(config.retention()), Named.as("spark-stage-jobs"),
                        APPS_STORE, STAGE_JOBS_STORE, APP_TASK_ENDS_STORE);
        Map<String, KStream<String, JobOutput>> outputs = resolved.merge(events.get(ROUTES + "simplified"), Named.as("spark-job-events"))
                .repartition(Repartitioned.<String, SparkEvent>as(BY_JOB)
                        .withKeySerde(Serdes.String()).withValueSerde(new SparkEventSerde()))
                .process(() -> new JobAnalyticsProcessor(config.retention()), Named.as("spark-job-analytics"),
                        JOBS_STORE, JOB_TASKS_STORE, JOB_IDLE_QUEUE_STORE)
                .split(Named.as(OUTPUTS))
                .branch((key, value) -> value instanceof JobOutput.Analytics, Branched.as("analytics"))
                .defaultBranch(Branched.as("summary-changes"));

        outputs.get(OUTPUTS + "analytics")
                .mapValues(value -> ((JobOutput.Analytics) value).row(), Named.as("spark-job-analytics-rows"))
                .to(topics.jobAnalytics(), Produced.with(Serdes.String(), ROW_SERDE).withName("job-analytics-sink"));
        outputs.get(OUTPUTS + "summary-changes")
                .mapValues(value -> (JobOutput.SummaryChange) value, Named.as("spark-summary-changes"))
                .repartition(Repartitioned.<String, JobOutput.SummaryChange>as(BY_DAY)
                        .withKeySerde(Serdes.String()).withValueSerde(new JobOutput.SummaryChangeSerde()))
                .process(() -> new DailyJobSummaryProcessor(config.retention()), Named.as("spark-daily-summary"),
                        DAILY_SUMMARY_STORE, DAY_JOBS_STORE);
    }

    /** Removes every entry whose key starts with {@code prefix}. */
    static <V> void deleteByPrefix(KeyValueStore<String, V> store, String prefix) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> entries = store.prefixScan(prefix, new StringSerializer())) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(store::delete);
    }

    private static void addStores(StreamsBuilder builder, Duration retention) {
        // cached: rewritten by most events of a backfill, it reaches RocksDB and its changelog once per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STREAM_TIME_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(APPS_STORE), Serdes.String(), new SparkApp.Serde()).withCachingEnabled());
        // one-millisecond windows at the event's time: a time-ordered index that drops entries older than the retention
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STAGE_JOBS_STORE, retention, Duration.ofMillis(1), false),
                Serdes.String(), Serdes.String()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(APP_TASK_ENDS_STORE, retention, Duration.ofMillis(1), false),
                Serdes.String(), new SparkEventSerde()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(JOBS_STORE), Serdes.String(), new JobStateSerde()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(JOB_TASKS_STORE), Serdes.String(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(JOB_IDLE_QUEUE_STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DAILY_SUMMARY_STORE), Serdes.String(), new DaySummary.Serde()).withCachingEnabled());
        // not cached: interactive range queries read past the cache, and a day's listing must agree with its summary
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DAY_JOBS_STORE), Serdes.String(), new JobAnalyticsSerde()));
    }
}
