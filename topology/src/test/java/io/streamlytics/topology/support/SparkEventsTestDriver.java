package io.streamlytics.topology.support;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.sparkjobs.DaySummary;
import io.streamlytics.topology.sparkjobs.JobAnalytics;
import io.streamlytics.topology.sparkjobs.JobState;
import io.streamlytics.topology.sparkjobs.SparkJobKeys;
import io.streamlytics.topology.sparkjobs.SparkJobsPipeline;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TopologyTestDriver} over {@link StreamlyticsTopology} for spark-events: pipes lines with an
 * optional record key (an event log's application id) and reads job analytics, day summaries, the
 * job-analytics topic, dead-letters and late-events. Close it (try-with-resources) to free its state.
 */
public final class SparkEventsTestDriver implements AutoCloseable {
    /** A day's summary and its jobs in listing order. */
    public record Day(DaySummary.View summary, List<JobAnalytics> jobs) {
    }

    private final TemporaryTopologyDriver scope;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, JobAnalytics> analytics;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> lateEvents;

    /** The driver's wall clock: after every event time the tests use (2025 for the earlier service's example). */
    public static final Instant WALL_CLOCK = Instant.parse("2027-01-01T00:00:00Z");

    public SparkEventsTestDriver() {
        this(TopologyConfig.defaults(), WALL_CLOCK);
    }

    public SparkEventsTestDriver(TopologyConfig config, Instant wallClock) {
        this.scope = new TemporaryTopologyDriver(config, wallClock);
        this.driver = scope.driver();
        var topics = config.topics();
        this.input = driver.createInputTopic(topics.sparkEvents(), new ByteArraySerializer(), new ByteArraySerializer());
        this.analytics = driver.createOutputTopic(topics.jobAnalytics(), new StringDeserializer(),
                SparkJobsPipeline.ROW_SERDE.deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.lateEvents = driver.createOutputTopic(topics.lateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public void pipe(String json, Instant recordTimestamp) {
        pipe(null, json, recordTimestamp);
    }

    /** A line with a record key: the producer's job id, or an event log's application id. */
    public void pipe(String key, String json, Instant recordTimestamp) {
        input.pipeInput(new TestRecord<>(key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), recordTimestamp));
    }

    /** Every job in the store, by job key. */
    public Map<String, JobAnalytics> jobs() {
        Map<String, JobAnalytics> jobs = new TreeMap<>();
        KeyValueStore<String, JobState> store = driver.getKeyValueStore(SparkJobsPipeline.JOBS_STORE);
        try (KeyValueIterator<String, JobState> all = store.all()) {
            all.forEachRemaining(kv -> jobs.put(kv.key, kv.value.analytics()));
        }
        return jobs;
    }

    public JobAnalytics job(String jobKey) {
        return jobs().get(jobKey);
    }

    /** The day's summary (null when it has none) and listed jobs. */
    public Day day(String date) {
        DaySummary summary = driver.<String, DaySummary>getKeyValueStore(SparkJobsPipeline.DAILY_SUMMARY_STORE).get(date);
        List<JobAnalytics> jobs = new ArrayList<>();
        KeyValueStore<String, JobAnalytics> listing = driver.getKeyValueStore(SparkJobsPipeline.DAY_JOBS_STORE);
        try (KeyValueIterator<String, JobAnalytics> rows = listing.prefixScan(SparkJobKeys.prefix(date), new StringSerializer())) {
            rows.forEachRemaining(kv -> jobs.add(kv.value));
        }
        return new Day(summary == null ? null : summary.view(), jobs);
    }

    /** How many entries a spark-jobs key-value store holds. */
    public long entriesIn(String store) {
        long count = 0;
        try (KeyValueIterator<Object, Object> all = driver.getKeyValueStore(store).all()) {
            while (all.hasNext()) {
                all.next();
                count++;
            }
        }
        return count;
    }

    /** job-analytics records as written (null values are tombstones); reading drains them. */
    public List<KeyValue<String, JobAnalytics>> readAnalytics() {
        return analytics.readKeyValuesToList();
    }

    public List<TestRecord<byte[], byte[]>> readDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> readLateEvents() {
        return lateEvents.readRecordsToList();
    }

    @Override
    public void close() {
        scope.close();
    }
}
