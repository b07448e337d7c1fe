package io.streamlytics.topology.support;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.flyer.UserTotals;
import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.flyer.UserFlyerTime;
import io.streamlytics.topology.sketch.ChunkedUniqueCount;
import io.streamlytics.topology.flyer.merchant.MerchantChunk;
import io.streamlytics.topology.flyer.merchant.MerchantDailyReport;
import io.streamlytics.topology.flyer.merchant.MerchantDayAggregate;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TopologyTestDriver} over {@link StreamlyticsTopology} for user-events: pipes events with
 * explicit times, moves stream time with a helper user, and reads flyer-time, late-events,
 * dead-letters and the flyer stores. Close it (try-with-resources) to free its RocksDB state.
 */
public final class UserEventsTestDriver implements AutoCloseable {
    public static final Instant T0 = ApiRequestsTestDriver.T0;
    /** Users whose events only move stream time; left out of what the readers return. */
    public static final String CLOCK_USER = "clock";

    private final TopologyConfig config;
    private final TemporaryTopologyDriver scope;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, UserFlyerTime> flyerTime;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> lateEvents;

    public UserEventsTestDriver() {
        this(TopologyConfig.defaults());
    }

    public UserEventsTestDriver(TopologyConfig config) {
        this.config = config;
        this.scope = new TemporaryTopologyDriver(config, ApiRequestsTestDriver.WALL_CLOCK);
        this.driver = scope.driver();
        var topics = config.topics();
        this.input = driver.createInputTopic(topics.userEvents(), new ByteArraySerializer(), new ByteArraySerializer());
        this.flyerTime = driver.createOutputTopic(topics.flyerTime(), new StringDeserializer(), FlyerPipeline.ROW_SERDE.deserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.lateEvents = driver.createOutputTopic(topics.lateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public void pipeJson(String json, Instant recordTimestamp) {
        input.pipeInput(new TestRecord<>("producer-key".getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8), recordTimestamp));
    }

    public void pipe(UserEventSpec event) {
        pipeJson(event.json(), event.time());
    }

    public void pipeAll(List<UserEventSpec> events) {
        events.forEach(this::pipe);
    }

    /** Moves stream time (and so the low watermark) to {@code time} with an event of the clock user. */
    public void advanceStreamTimeTo(Instant time) {
        pipe(UserEventSpec.other(CLOCK_USER, time, "tick"));
    }

    /** Lets wall-clock punctuations run: the last watermark is sent and due flyers are settled. */
    public void flush() {
        driver.advanceWallClockTime(config.watermarkPeriod());
    }

    /** flyer-time records as written, leaving out the clock user; reading drains them. */
    public List<KeyValue<String, UserFlyerTime>> readFlyerTime() {
        return flyerTime.readKeyValuesToList().stream().filter(kv -> !kv.key.equals(CLOCK_USER)).toList();
    }

    public List<TestRecord<byte[], byte[]>> readLateEvents() {
        return lateEvents.readRecordsToList();
    }

    public List<TestRecord<byte[], byte[]>> readDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** Every user's figures in the store, leaving out the clock user. */
    public Map<String, UserFlyerTime> users() {
        Map<String, UserFlyerTime> users = new TreeMap<>();
        KeyValueStore<String, UserTotals> store = driver.getKeyValueStore(FlyerPipeline.USER_TIME_STORE);
        try (KeyValueIterator<String, UserTotals> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (!kv.key.equals(CLOCK_USER)) {
                    users.put(kv.key, UserFlyerTime.of(kv.key, kv.value.counts()));
                }
            });
        }
        return users;
    }

    /** Every merchant's days in the stores, keyed "merchant@date". */
    public Map<String, MerchantDailyReport> merchantDays() {
        Map<String, MerchantDailyReport> days = new TreeMap<>();
        WindowStore<MerchantChunk, byte[]> users = driver.getWindowStore(FlyerPipeline.MERCHANT_USERS_STORE);
        try (KeyValueIterator<Windowed<String>, MerchantDayAggregate> all =
                     driver.<String, MerchantDayAggregate>getWindowStore(FlyerPipeline.MERCHANT_REPORT_STORE).all()) {
            all.forEachRemaining(kv -> {
                String merchant = kv.key.key();
                long dayStart = kv.key.window().start();
                long uniqueUsers = ChunkedUniqueCount.estimate(chunk -> users.fetch(new MerchantChunk(merchant, chunk), dayStart));
                MerchantDailyReport row = kv.value.toRow(merchant, dayStart, uniqueUsers);
                days.put(row.merchantId() + "@" + row.date(), row);
            });
        }
        return days;
    }

    /** Writes a user's value straight into the user-time store, as an earlier version may have left it. */
    public void storeUserTotals(String userId, UserTotals totals) {
        driver.<String, UserTotals>getKeyValueStore(FlyerPipeline.USER_TIME_STORE).put(userId, totals);
    }

    /** A user's value in the user-time store, or null. */
    public UserTotals userTotals(String userId) {
        return driver.<String, UserTotals>getKeyValueStore(FlyerPipeline.USER_TIME_STORE).get(userId);
    }

    /** How many entries a flyer store holds: unsettled events, anchors or settle-queue entries. */
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

    @Override
    public void close() {
        scope.close();
    }

    public static String header(TestRecord<?, ?> record, String name) {
        return ApiRequestsTestDriver.header(record, name);
    }


    public static Instant at(Duration sinceT0) {
        return T0.plus(sinceT0);
    }
}
