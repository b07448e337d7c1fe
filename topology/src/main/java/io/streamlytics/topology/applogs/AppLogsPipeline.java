package io.streamlytics.topology.applogs;

import io.streamlytics.topology.store.WindowChangelogs;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.admission.AdmissionProcessor;
import io.streamlytics.topology.admission.AdmissionRoutes;
import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.apirequests.endpoints.EndpointMetricsPipeline;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.AppLogParser;
import io.streamlytics.topology.serde.AppLogSerde;
import io.streamlytics.topology.serde.StreamMessageSerde;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.watermark.WatermarkPartitioner;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * app-logs → searchable lines, per-window counts and the apps registry. Admission (validate, key by
 * (app, bucket)) → repartition → three processors on the same stream. Keying by bucket spreads one busy
 * app over many partitions; queries merge them.
 *
 * <p>Nothing publishes log counts or lines as final, so no grace applies: a line is late only where it
 * could no longer be kept, that is beyond the retention of the store it goes to (search: the log
 * retention; minute and hour counts: as long as those windows are kept), counted from the newest line
 * seen. Admission refuses only lines too old for every store.
 */
public final class AppLogsPipeline {
    /** Part of every stored key: changing it is a state migration, like renaming a store. */
    public static final int BUCKETS = 32;
    public static final String STREAM_TIME_STORE = "app-logs-stream-time";
    public static final String SEARCH_STORE = "app-logs-search-store";
    public static final String REGISTRY_STORE = "app-logs-registry-store";
    public static final String REPARTITION = "app-logs-by-app-bucket";
    /** Search store values: the lines of one (app, bucket) in one millisecond, in arrival order. */
    public static final Serde<List<AppLog>> LINES_SERDE = Serdes.ListSerde(ArrayList.class, new AppLogSerde());

    private AppLogsPipeline() {
    }

    /** The store of this pipeline's counts of one window size, e.g. {@code app-log-stats-1m-store}. */
    public static String store(TimeWindow window) {
        return window.storeOf("app-log-stats");
    }

    public static String key(String app, int bucket) {
        return app + "#" + bucket;
    }

    /** A hash of the line's content: deterministic, so a replay puts every line where it was. */
    public static int bucketOf(AppLog log) {
        return Math.floorMod(Objects.hash(log.timestamp(), log.service(), log.level().ordinal(), log.message(), log.otherFields()),
                BUCKETS);
    }

    /** Whether the default partitioner puts a bucket of {@code app} on {@code partition} of the repartition topic. */
    public static IntPredicate bucketsOn(String app, int partition, int partitions) {
        return bucket -> WatermarkPartitioner.partitionOf(key(app, bucket), partitions) == partition;
    }

    public static void addTo(StreamsBuilder builder, TopologyConfig config, SourceProgress sources) {
        var topics = config.topics();
        Duration searchRetention = config.appLogs().searchRetention();
        long longestRetentionMs = Math.max(config.retention().toMillis(), searchRetention.toMillis());
        var rules = new AdmissionRules<>(new AppLogParser(), log -> key(log.app(), bucketOf(log)), AppLog::timestamp,
                time -> time + longestRetentionMs, STREAM_TIME_STORE, config.watermarks(new WatermarkSource(topics.appLogs(), sources)));
        addStores(builder, config);

        var admitted = builder.stream(topics.appLogs(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("app-logs-source"))
                .process(() -> new AdmissionProcessor<>(rules), Named.as("app-logs-admission"), STREAM_TIME_STORE);
        KStream<String, StreamMessage<AppLog>> lines = AdmissionRoutes.route(admitted, "app-logs", topics)
                // nothing downstream closes windows, so watermarks need not travel
                .filter((key, message) -> message instanceof StreamMessage.Event, Named.as("app-logs-events"))
                .repartition(Repartitioned.<String, StreamMessage<AppLog>>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new StreamMessageSerde<>(new AppLogSerde())));
        lines.process(() -> new LogSearchIndexer(searchRetention, topics.appLogs()), Named.as("app-logs-search"), SEARCH_STORE)
                .to(new SearchAsideTopic(topics.lateEvents(), topics.deadLetters()),
                        Produced.with(Serdes.String(), Serdes.String()).withName("app-logs-search-late-events-sink"));
        lines.process(() -> new AppRegistryProcessor(config.retention()), Named.as("app-logs-registry"), REGISTRY_STORE);
        lines.process(() -> new AppLogStatsProcessor(statsRetention(config), topics.appLogs()), Named.as("app-log-stats"),
                        AppLogsPipeline.store(TimeWindow.ONE_MINUTE), AppLogsPipeline.store(TimeWindow.ONE_HOUR))
                .to(topics.lateEvents(), Produced.with(Serdes.String(), Serdes.String()).withName("app-log-stats-late-events-sink"));
    }

    /** How long the counts of each window size are kept: minutes at most two days, hours the retention. */
    public static Map<TimeWindow, Duration> statsRetention(TopologyConfig config) {
        Map<TimeWindow, Duration> retention = new EnumMap<>(TimeWindow.class);
        retention.put(TimeWindow.ONE_MINUTE, EndpointMetricsPipeline.minuteRetention(config));
        retention.put(TimeWindow.ONE_HOUR, config.retention());
        return retention;
    }

    private static void addStores(StreamsBuilder builder, TopologyConfig config) {
        // cached: rewritten by most events of a backfill, it reaches RocksDB and its changelog once per commit
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STREAM_TIME_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        // window start = the line's timestamp; one millisecond "windows" make it a time index per (app, bucket)
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEARCH_STORE, config.appLogs().searchRetention(), Duration.ofMillis(1), false),
                Serdes.String(), LINES_SERDE).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(REGISTRY_STORE), Serdes.String(), new AppSeenSerde()));
        for (var retention : statsRetention(config).entrySet()) {
            TimeWindow window = retention.getKey();
            builder.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(AppLogsPipeline.store(window), retention.getValue(), window.size(), false),
                    Serdes.String(), new LogCountsSerde()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG));
        }
    }
}
