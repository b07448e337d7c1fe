package io.streamlytics.topology.flyer;

import io.streamlytics.topology.store.DecodedWindowStoreBuilder;
import io.streamlytics.topology.store.WindowChangelogs;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.admission.AdmissionProcessor;
import io.streamlytics.topology.admission.AdmissionRoutes;
import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.events.UserEvent;
import io.streamlytics.topology.events.UserEventParser;
import io.streamlytics.topology.flyer.FlyerStoreKeys.EventKeySerde;
import io.streamlytics.topology.flyer.FlyerStoreKeys.SettleKeySerde;
import io.streamlytics.topology.flyer.merchant.MerchantChunk;
import io.streamlytics.topology.flyer.merchant.MerchantDayAggregateSerde;
import io.streamlytics.topology.flyer.merchant.MerchantDelta;
import io.streamlytics.topology.flyer.merchant.MerchantDeltaSerde;
import io.streamlytics.topology.flyer.merchant.MerchantReportProcessor;
import io.streamlytics.topology.serde.JsonSerde;
import io.streamlytics.topology.serde.StreamMessageSerde;
import io.streamlytics.topology.serde.UserEventSerde;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.watermark.WatermarkPartitioner;
import io.streamlytics.topology.watermark.WatermarkSource;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;

/**
 * user-events → flyer time per user and merchant reports, in two stages. Admission (validate, judge
 * lateness per input partition, key by user) → repartition by user, with watermarks → pair sessions
 * per user and flyer ({@link FlyerSessionsProcessor}): user totals to flyer-time and a store, and
 * merchant deltas → repartition by merchant → each merchant's days in window stores.
 */
public final class FlyerPipeline {
    public static final String USER_TIME_STORE = "flyer-user-time-store";
    public static final String MERCHANT_REPORT_STORE = "merchant-daily-report-store";
    public static final String MERCHANT_USERS_STORE = "merchant-daily-users-store";
    public static final String EVENTS_STORE = "flyer-unsettled-events";
    public static final String SETTLE_QUEUE_STORE = "flyer-settle-queue";
    public static final String WATERMARK_STORE = "user-events-watermarks";
    public static final String STREAM_TIME_STORE = "user-events-stream-time";
    public static final String BY_USER = "user-events-by-user";
    public static final String BY_MERCHANT = "merchant-deltas-by-merchant";
    public static final JsonSerde<UserFlyerTime> ROW_SERDE = new JsonSerde<>(UserFlyerTime.class);
    private static final String OUTPUTS = "flyer-sessions-";

    private FlyerPipeline() {
    }

    public static void addTo(StreamsBuilder builder, TopologyConfig config, SourceProgress sources) {
        var topics = config.topics();
        long graceMs = config.windowGrace().toMillis();
        // an event is late when its pairing could already be settled in its own partition
        var input = new WatermarkSource(topics.userEvents(), sources);
        var rules = new AdmissionRules<>(new UserEventParser(), UserEvent::userId, UserEvent::timestamp,
                time -> time + graceMs, STREAM_TIME_STORE, config.watermarks(input));
        addStores(builder, config.retention());

        var admitted = builder.stream(topics.userEvents(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withName("user-events-source"))
                .process(() -> new AdmissionProcessor<>(rules), Named.as("user-events-admission"), STREAM_TIME_STORE);
        Map<String, KStream<String, FlyerOutput>> outputs = AdmissionRoutes.route(admitted, "user-events", topics)
                .repartition(Repartitioned.<String, StreamMessage<UserEvent>>as(BY_USER)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new StreamMessageSerde<>(new UserEventSerde()))
                        .withStreamPartitioner(new WatermarkPartitioner<>()))
                .process(() -> new FlyerSessionsProcessor(config.windowGrace(), config.flyer().maxSessionLength(),
                                input, config.watermarkPeriod(), config.retention()),
                        Named.as("flyer-sessions"), USER_TIME_STORE, EVENTS_STORE, SETTLE_QUEUE_STORE, WATERMARK_STORE)
                .split(Named.as(OUTPUTS))
                .branch((key, value) -> value instanceof FlyerOutput.UserTime, Branched.as("user-time"))
                .branch((key, value) -> value instanceof FlyerOutput.MerchantChange, Branched.as("merchant-deltas"))
                .defaultBranch(Branched.as("late"));

        outputs.get(OUTPUTS + "user-time")
                .mapValues(value -> ((FlyerOutput.UserTime) value).row(), Named.as("flyer-time-rows"))
                .to(topics.flyerTime(), Produced.with(Serdes.String(), ROW_SERDE).withName("flyer-time-sink"));
        outputs.get(OUTPUTS + "late")
                .mapValues(value -> ((FlyerOutput.Late) value).json(), Named.as("flyer-late-json"))
                .to(topics.lateEvents(), Produced.with(Serdes.String(), Serdes.String()).withName("flyer-late-events-sink"));
        outputs.get(OUTPUTS + "merchant-deltas")
                .mapValues(value -> ((FlyerOutput.MerchantChange) value).delta(), Named.as("merchant-deltas"))
                .repartition(Repartitioned.<String, MerchantDelta>as(BY_MERCHANT)
                        .withKeySerde(Serdes.String()).withValueSerde(new MerchantDeltaSerde()))
                .process(MerchantReportProcessor::new, Named.as("merchant-daily-report"),
                        MERCHANT_REPORT_STORE, MERCHANT_USERS_STORE);
    }

    /**
     * Caching merges the many updates a key gets between commits into one store write and one changelog
     * record, so it is on where keys repeat within a commit: a partition's stream time and watermarks, a
     * merchant's day. A user's totals and events, and the settle queue, are touched once per event of that
     * user, which is rarely twice in one commit even in a backfill; an event is settled only a grace later.
     * There a cache only adds its own bookkeeping and a second copy to flush.
     */
    private static void addStores(StreamsBuilder builder, Duration retention) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STREAM_TIME_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(WATERMARK_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(USER_TIME_STORE), Serdes.String(), new UserTotalsSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(EVENTS_STORE), new EventKeySerde(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SETTLE_QUEUE_STORE), new SettleKeySerde(), Serdes.ByteArray()));
        // a merchant's day (its top flyers among them) is also kept decoded between commits: each delta reads and rewrites it
        builder.addStateStore(new DecodedWindowStoreBuilder<>(
                Stores.persistentWindowStore(MERCHANT_REPORT_STORE, retention, Duration.ofDays(1), false),
                Serdes.String(), new MerchantDayAggregateSerde()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG).withCachingEnabled());
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(MERCHANT_USERS_STORE, retention, Duration.ofDays(1), false),
                new MerchantChunk.Serde(), Serdes.ByteArray()).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG).withCachingEnabled());
    }
}
