package io.streamlytics.topology.support;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.applogs.AppLogsPipeline;
import io.streamlytics.topology.applogs.AppSeen;
import io.streamlytics.topology.applogs.FoundLine;
import io.streamlytics.topology.applogs.LogCounts;
import io.streamlytics.topology.applogs.LogPosition;
import io.streamlytics.topology.applogs.LogScan;
import io.streamlytics.topology.applogs.LogSearchQuery;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.LogLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * A {@link TopologyTestDriver} over {@link StreamlyticsTopology} for app-logs: pipes lines with explicit
 * record timestamps and reads what the app-logs pipeline keeps. The driver has one partition, holding every
 * bucket; close it (try-with-resources) to free its RocksDB state.
 */
public final class AppLogsTestDriver implements AutoCloseable {
    public static final Instant T0 = ApiRequestsTestDriver.T0;

    private final TemporaryTopologyDriver scope;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> lateEvents;

    public AppLogsTestDriver() {
        this(TopologyConfig.defaults());
    }

    public AppLogsTestDriver(TopologyConfig config) {
        this.scope = new TemporaryTopologyDriver(config, ApiRequestsTestDriver.WALL_CLOCK);
        this.driver = scope.driver();
        var topics = config.topics();
        this.input = driver.createInputTopic(topics.appLogs(), new ByteArraySerializer(), new ByteArraySerializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.lateEvents = driver.createOutputTopic(topics.lateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Pipes one raw value with the given record timestamp and a producer key the topology must ignore. */
    public void pipeRaw(String value, Instant recordTimestamp) {
        input.pipeInput(new TestRecord<>("producer-key".getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), recordTimestamp));
    }

    public void pipe(Line line) {
        pipeRaw(line.json(), line.time());
    }

    public void pipeAll(List<Line> lines) {
        lines.forEach(this::pipe);
    }

    public List<TestRecord<byte[], byte[]>> readDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> readLateEvents() {
        return lateEvents.readRecordsToList();
    }

    /** One page of a search, newest first: what one partition answers, cut to the page. */
    public List<FoundLine> search(LogSearchQuery query) {
        WindowStore<String, List<AppLog>> store = driver.getWindowStore(AppLogsPipeline.SEARCH_STORE);
        List<FoundLine> found = LogScan.newest(store, query, bucket -> true).lines();
        return found.subList(0, Math.min(query.limit(), found.size()));
    }

    /** Every line of a search, page by page, each page starting after the last line of the one before. */
    public List<FoundLine> searchAll(LogSearchQuery first) {
        return pages(first, LogScan.CHARACTERS_PER_BUCKET).stream().flatMap(List::stream).toList();
    }

    /**
     * Every page of a search whose buckets may each read {@code charactersPerBucket} per page: a page goes on after its
     * last line when it is full, else where a scan stopped on its budget, as the HTTP route's {@code next} does.
     */
    public List<List<FoundLine>> pages(LogSearchQuery first, long charactersPerBucket) {
        WindowStore<String, List<AppLog>> store = driver.getWindowStore(AppLogsPipeline.SEARCH_STORE);
        List<List<FoundLine>> pages = new ArrayList<>();
        LogSearchQuery query = first;
        while (true) {
            LogScan.Result found = LogScan.newest(store, query, bucket -> true, charactersPerBucket);
            List<FoundLine> page = found.lines().subList(0, Math.min(query.limit(), found.lines().size()));
            pages.add(page);
            LogPosition next = found.lines().size() > query.limit() ? page.get(page.size() - 1).position() : found.stoppedAt();
            if (next == null) {
                return pages;
            }
            query = new LogSearchQuery(query.app(), query.minLevel(), query.service(), query.text(), query.from(), query.to(),
                    next, query.limit());
        }
    }

    /** An app's windows, by start, merged over its buckets. */
    public TreeMap<Long, LogCounts> stats(String app, TimeWindow window) {
        WindowStore<String, LogCounts> store = driver.getWindowStore(AppLogsPipeline.store(window));
        TreeMap<Long, LogCounts> merged = new TreeMap<>();
        for (int bucket = 0; bucket < AppLogsPipeline.BUCKETS; bucket++) {
            try (var windows = store.fetch(AppLogsPipeline.key(app, bucket), Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"))) {
                windows.forEachRemaining(kv -> merged.computeIfAbsent(kv.key, start -> new LogCounts()).merge(kv.value));
            }
        }
        return merged;
    }

    public AppSeen registry(String app) {
        KeyValueStore<String, AppSeen> store = driver.getKeyValueStore(AppLogsPipeline.REGISTRY_STORE);
        return store.get(app);
    }

    @Override
    public void close() {
        scope.close();
    }

    /** A search of every line of an app, newest first. */
    public static LogSearchQuery everything(String app, int limit) {
        return new LogSearchQuery(app, null, null, null, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), null, limit);
    }

    /** One app-logs line, and its JSON in the contract's field names. */
    public record Line(Instant time, String app, String service, LogLevel level, String message) {
        public String json() {
            return "{\"timestamp\":\"" + time + "\",\"app\":\"" + app + "\",\"service\":\"" + service + "\",\"level\":\""
                    + level.name().toLowerCase() + "\",\"message\":\"" + message + "\",\"trace_id\":\"t-" + message.hashCode() + "\"}";
        }
    }
}
