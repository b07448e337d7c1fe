package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.store.WindowChangelogs;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.anomalies.AnomalyPipeline;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.serde.JsonSerde;
import io.streamlytics.topology.serde.StreamMessageSerde;
import io.streamlytics.topology.store.DecodedWindowStoreBuilder;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.watermark.WatermarkPartitioner;
import io.streamlytics.topology.watermark.WatermarkSource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;

/**
 * Endpoint metrics in 1-minute and 1-hour windows, partial per customer partition (see
 * {@link EndpointMetricsProcessor}); closed minutes are merged per endpoint (see
 * {@link EndpointMinuteMerger}) into final rows on endpoint-metrics, which feed the anomaly detector.
 */
public final class EndpointMetricsPipeline {
    /** 1-minute windows are many: they are kept at most this long, whatever the general retention. */
    public static final Duration MAX_MINUTE_RETENTION = Duration.ofDays(2);
    public static final String WATERMARK_STORE = "endpoint-metrics-watermarks";
    public static final String HELD_MINUTES_STORE = "endpoint-metrics-held-minutes";
    public static final String MERGE_STORE = "endpoint-minutes-merge-store";
    public static final String MERGE_WATERMARK_STORE = "endpoint-minutes-merge-watermarks";
    public static final String MERGE_REPARTITION = "endpoint-minutes-by-endpoint";
    public static final JsonSerde<EndpointMetrics> ROW_SERDE = new JsonSerde<>(EndpointMetrics.class);

    private EndpointMetricsPipeline() {
    }

    /** How long 1-minute windows are kept: the retention, at most {@link #MAX_MINUTE_RETENTION}. */
    public static Duration minuteRetention(TopologyConfig config) {
        return config.retention().compareTo(MAX_MINUTE_RETENTION) > 0 ? MAX_MINUTE_RETENTION : config.retention();
    }

    /** The store of this pipeline's partial windows of one size, e.g. {@code endpoint-metrics-1m-store}. */
    public static String store(TimeWindow window) {
        return window.storeOf("endpoint-metrics");
    }

    /** @param input api-requests, whose partition count is also that of the customer partitions that send partials */
    public static void addTo(StreamsBuilder builder, KStream<String, StreamMessage<ApiRequest>> deduplicated, TopologyConfig config,
                             WatermarkSource input) {
        Duration minuteRetention = minuteRetention(config);
        // cached: an endpoint's window is rewritten by every request; the cache sends it to RocksDB and
        // its changelog once per commit instead, and the decoded layer keeps its sketch an object until
        // then (the throughput benchmark, BENCHMARKS.md)
        for (TimeWindow window : TimeWindow.values()) {
            Duration retention = window == TimeWindow.ONE_MINUTE ? minuteRetention : config.retention();
            builder.addStateStore(new DecodedWindowStoreBuilder<>(
                    Stores.persistentWindowStore(EndpointMetricsPipeline.store(window), retention, window.size(), false),
                    Serdes.String(), new EndpointWindowAggregateSerde()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG).withCachingEnabled());
        }
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(HELD_MINUTES_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(MERGE_STORE, minuteRetention, TimeWindow.ONE_MINUTE.size(), false),
                Serdes.String(), new MinutePartialsSerde()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MERGE_WATERMARK_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());

        Map<String, KStream<String, EndpointOutput>> outputs = deduplicated
                .process(() -> new EndpointMetricsProcessor(config.windowGrace(), input,
                                config.watermarkPeriod(), minuteRetention),
                        Named.as("endpoint-metrics"), EndpointMetricsPipeline.store(TimeWindow.ONE_MINUTE), EndpointMetricsPipeline.store(TimeWindow.ONE_HOUR),
                        WATERMARK_STORE, HELD_MINUTES_STORE)
                .split(Named.as("endpoint-metrics-"))
                .branch((key, value) -> value instanceof EndpointOutput.Late, Branched.as("late"))
                .defaultBranch(Branched.as("closed"));
        outputs.get("endpoint-metrics-late")
                .mapValues(value -> ((EndpointOutput.Late) value).requestJson(), Named.as("endpoint-metrics-late-json"))
                .to(config.topics().lateEvents(), Produced.with(Serdes.String(), Serdes.String()).withName("endpoint-metrics-late-events-sink"));

        KStream<String, EndpointMetrics> finalMinutes = outputs.get("endpoint-metrics-closed")
                .mapValues(value -> ((EndpointOutput.ToMerge) value).message(), Named.as("endpoint-metrics-closed-messages"))
                .repartition(Repartitioned.<String, StreamMessage<EndpointPartial>>as(MERGE_REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new StreamMessageSerde<>(new EndpointPartialSerde()))
                        .withStreamPartitioner(new WatermarkPartitioner<>()))
                .process(() -> new EndpointMinuteMerger(input.partitions(), config.watermarkPeriod()),
                        Named.as("endpoint-minutes-merge"), MERGE_STORE, MERGE_WATERMARK_STORE);
        finalMinutes.to(config.topics().endpointMetrics(), Produced.with(Serdes.String(), ROW_SERDE).withName("endpoint-metrics-sink"));
        AnomalyPipeline.addTo(builder, finalMinutes, config);
    }
}
