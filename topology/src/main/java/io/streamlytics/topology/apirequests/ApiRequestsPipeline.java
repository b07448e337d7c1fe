package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.store.WindowChangelogs;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.admission.AdmissionProcessor;
import io.streamlytics.topology.admission.Admitted;
import io.streamlytics.topology.admission.AdmissionRoutes;
import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.apirequests.endpoints.EndpointMetricsPipeline;
import io.streamlytics.topology.dedup.Deduplicator;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestJson;
import io.streamlytics.topology.events.ApiRequestParser;
import io.streamlytics.topology.serde.ApiRequestSerde;
import io.streamlytics.topology.serde.JsonSerde;
import io.streamlytics.topology.serde.StreamMessageSerde;
import io.streamlytics.topology.store.DecodedWindowStoreBuilder;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.watermark.WatermarkPartitioner;
import io.streamlytics.topology.watermark.WatermarkSource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/**
 * api-requests → customer daily stats. Admission (validate, judge lateness per input partition,
 * re-key by customer) → repartition by customer, with watermarks → de-duplicate by request_id →
 * one-day windows in a RocksDB window store, final rows of closed days to customer-daily-stats; and
 * the same de-duplicated stream into endpoint metrics.
 */
public final class ApiRequestsPipeline {
    public static final Duration DAY = Duration.ofDays(1);
    public static final String DAILY_STATS_STORE = "customer-daily-stats-store";
    public static final String WATERMARK_STORE = "api-requests-watermarks";
    public static final String STREAM_TIME_STORE = "api-requests-stream-time";
    public static final String SEEN_IDS_STORE = "api-requests-seen-ids";
    public static final String DEDUP_WATERMARK_STORE = "api-requests-dedup-watermarks";
    public static final String REPARTITION = "api-requests-by-customer";
    public static final JsonSerde<CustomerDailyStats> ROW_SERDE = new JsonSerde<>(CustomerDailyStats.class);

    private ApiRequestsPipeline() {
    }

    public static void addTo(StreamsBuilder builder, TopologyConfig config, SourceProgress sources) {
        var topics = config.topics();
        long dayMs = DAY.toMillis();
        long graceMs = config.dailyGrace().toMillis();
        var input = new WatermarkSource(topics.apiRequests(), sources);
        var rules = new AdmissionRules<>(new ApiRequestParser(), ApiRequest::customerId, ApiRequest::timestamp,
                time -> time - Math.floorMod(time, dayMs) + dayMs + graceMs,
                STREAM_TIME_STORE, config.watermarks(input));

        // cached, like every store here that is rewritten per event (stream time, watermarks, a customer's
        // day): RocksDB and the changelog get the last value once per commit, not every intermediate one
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STREAM_TIME_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        // not cached: each request id is written once and read back only by a repeat, so a cache would only add work
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_IDS_STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DEDUP_WATERMARK_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        // an admitted event may be up to a day plus grace older than its partition's stream time: its id must still be there
        var dedup = new Deduplicator.Settings(SEEN_IDS_STORE, DEDUP_WATERMARK_STORE, input, config.dedupWindow(),
                DAY.plus(config.dailyGrace()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        // a customer's day is also kept decoded between commits: each of its requests reads and rewrites its sketch
        builder.addStateStore(new DecodedWindowStoreBuilder<>(
                Stores.persistentWindowStore(DAILY_STATS_STORE, config.retention(), DAY, false),
                Serdes.String(), new CustomerDayAggregateSerde()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG).withCachingEnabled());

        var admitted = builder.stream(topics.apiRequests(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("api-requests-source"))
                .process(() -> new AdmissionProcessor<>(rules), Named.as("api-requests-admission"), STREAM_TIME_STORE);

        KStream<String, Admitted<ApiRequest>> checkedForRepeats = AdmissionRoutes.route(admitted, "api-requests", topics)
                .repartition(Repartitioned.<String, StreamMessage<ApiRequest>>as(REPARTITION)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new StreamMessageSerde<>(new ApiRequestSerde()))
                        .withStreamPartitioner(new WatermarkPartitioner<>()))
                .process(() -> new Deduplicator<>(dedup, ApiRequest::requestId, ApiRequest::timestamp, ApiRequestJson::write),
                        Named.as("api-requests-dedup"), SEEN_IDS_STORE, DEDUP_WATERMARK_STORE);
        KStream<String, StreamMessage<ApiRequest>> deduplicated = AdmissionRoutes.routeDuplicates(checkedForRepeats, "api-requests-dedup", topics);
        deduplicated.process(() -> new CustomerDailyStatsProcessor(config.dailyGrace(), input, config.watermarkPeriod()), Named.as("customer-daily-stats"), DAILY_STATS_STORE, WATERMARK_STORE)
                .to(topics.customerDailyStats(), Produced.with(Serdes.String(), ROW_SERDE).withName("customer-daily-stats-sink"));
        EndpointMetricsPipeline.addTo(builder, deduplicated, config, input);
    }
}
