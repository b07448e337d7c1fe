package io.streamlytics.topology.support;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.apirequests.ApiRequestsPipeline;
import io.streamlytics.topology.apirequests.CustomerDailyStats;
import io.streamlytics.topology.apirequests.CustomerDayAggregate;
import io.streamlytics.topology.apirequests.anomalies.Anomaly;
import io.streamlytics.topology.apirequests.anomalies.AnomalyPipeline;
import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;
import io.streamlytics.topology.apirequests.endpoints.EndpointMetricsPipeline;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link TopologyTestDriver} over {@link StreamlyticsTopology} with a fixed wall clock, helpers to
 * pipe api-requests JSON with explicit record timestamps, and readers for the output topics and the
 * daily stats store. One instance per test; close it (try-with-resources) to free its RocksDB state.
 */
public final class ApiRequestsTestDriver implements AutoCloseable {
    /** Event times in tests are relative to this day (a Tuesday, UTC). */
    public static final Instant T0 = Instant.parse("2024-09-03T00:00:00Z");
    /** The driver's initial wall clock: well after every event time the tests use. */
    public static final Instant WALL_CLOCK = Instant.parse("2025-01-01T00:00:00Z");
    public static final Duration DAY = Duration.ofDays(1);
    /** The endpoint of the requests that {@link #advanceStreamTimeTo} pipes: kept apart from the endpoints under test. */
    public static final String CLOCK_PATH = "/clock";
    public static final String CLOCK_ENDPOINT = "GET " + CLOCK_PATH;

    private final TopologyConfig config;
    private final TemporaryTopologyDriver scope;
    private final TopologyTestDriver driver;
    private final TestInputTopic<byte[], byte[]> input;
    private final TestOutputTopic<String, CustomerDailyStats> rows;
    private final TestOutputTopic<String, String> rowsAsText;
    private final TestOutputTopic<byte[], byte[]> deadLetters;
    private final TestOutputTopic<byte[], byte[]> lateEvents;
    private final TestOutputTopic<byte[], byte[]> duplicates;
    private final TestOutputTopic<String, EndpointMetrics> endpointMinutes;
    private final TestOutputTopic<String, Anomaly> anomalies;
    private final List<TestRecord<byte[], byte[]>> lateForDay = new java.util.ArrayList<>();
    private final List<TestRecord<byte[], byte[]>> lateForEndpointWindow = new java.util.ArrayList<>();

    public ApiRequestsTestDriver() {
        this(TopologyConfig.defaults());
    }

    public ApiRequestsTestDriver(TopologyConfig config) {
        this.config = config;
        this.scope = new TemporaryTopologyDriver(config, WALL_CLOCK);
        this.driver = scope.driver();
        var topics = config.topics();
        this.input = driver.createInputTopic(topics.apiRequests(), new ByteArraySerializer(), new ByteArraySerializer());
        this.rows = driver.createOutputTopic(topics.customerDailyStats(), new StringDeserializer(),
                ApiRequestsPipeline.ROW_SERDE.deserializer());
        this.rowsAsText = driver.createOutputTopic(topics.customerDailyStats(), new StringDeserializer(), new StringDeserializer());
        this.deadLetters = driver.createOutputTopic(topics.deadLetters(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.lateEvents = driver.createOutputTopic(topics.lateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.duplicates = driver.createOutputTopic(topics.duplicateEvents(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.endpointMinutes = driver.createOutputTopic(topics.endpointMetrics(), new StringDeserializer(),
                EndpointMetricsPipeline.ROW_SERDE.deserializer());
        this.anomalies = driver.createOutputTopic(topics.anomalies(), new StringDeserializer(),
                AnomalyPipeline.ANOMALY_SERDE.deserializer());
    }

    public TopologyConfig config() {
        return config;
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    // ---- input ------------------------------------------------------------------------------

    /** Pipes one raw value with the given record timestamp and a producer key that the topology must ignore. */
    public void pipeRaw(byte[] value, Instant recordTimestamp) {
        input.pipeInput(new TestRecord<>("producer-key".getBytes(StandardCharsets.UTF_8), value, recordTimestamp));
    }

    /** Pipes a JSON text; the record timestamp is {@link #T0}, since the topology uses event time from the JSON. */
    public void pipeJson(String json) {
        pipeRaw(json.getBytes(StandardCharsets.UTF_8), T0);
    }

    public void pipe(Request request) {
        pipeRaw(request.json().getBytes(StandardCharsets.UTF_8), request.time());
    }

    public void pipeAll(List<Request> requests) {
        requests.forEach(this::pipe);
    }

    /**
     * Pipes a request of an unrelated customer at {@code time}: moves stream time (and so the low watermark)
     * without touching the customers under test.
     */
    public void advanceStreamTimeTo(Instant time) {
        pipe(new Request("clock-" + time.toEpochMilli(), time, 200, 1.0, null, "GET", CLOCK_PATH));
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    // ---- output -----------------------------------------------------------------------------

    public List<KeyValue<String, CustomerDailyStats>> readRows() {
        return rows.readKeyValuesToList();
    }

    /** The customer-daily-stats records as written (JSON text, record timestamp); reading consumes them like {@link #readRows}. */
    public List<TestRecord<String, String>> readRowRecordsAsText() {
        return rowsAsText.readRecordsToList();
    }

    /** Rows read from customer-daily-stats, leaving out the helper customers of {@link #advanceStreamTimeTo}. */
    public List<CustomerDailyStats> readCustomerRows() {
        return readRows().stream().map(kv -> kv.value).filter(row -> !row.customerId().startsWith("clock-")).toList();
    }

    /** Final rows of closed endpoint minutes, leaving out the helper customers' traffic of {@link #advanceStreamTimeTo}. */
    public List<EndpointMetrics> readEndpointMinutes() {
        return endpointMinutes.readValuesToList().stream().filter(row -> !row.endpoint().equals(CLOCK_ENDPOINT)).toList();
    }

    public List<TestRecord<byte[], byte[]>> readDuplicates() {
        return duplicates.readRecordsToList();
    }

    public List<Anomaly> readAnomalies() {
        return anomalies.readValuesToList();
    }

    public List<TestRecord<byte[], byte[]>> readDeadLetters() {
        return deadLetters.readRecordsToList();
    }

    /** Events late for their day (judged at admission), in the order written; reading drains them. */
    public List<TestRecord<byte[], byte[]>> readLateEvents() {
        drainLateEvents();
        List<TestRecord<byte[], byte[]>> late = List.copyOf(lateForDay);
        lateForDay.clear();
        return late;
    }

    /** Events late for an endpoint window but counted in their day; reading drains them. */
    public List<TestRecord<byte[], byte[]>> readEndpointLateEvents() {
        drainLateEvents();
        List<TestRecord<byte[], byte[]>> late = List.copyOf(lateForEndpointWindow);
        lateForEndpointWindow.clear();
        return late;
    }

    private void drainLateEvents() {
        for (TestRecord<byte[], byte[]> record : lateEvents.readRecordsToList()) {
            String kind = header(record, ErrorHeaders.EXCEPTION);
            (kind.startsWith("late-endpoint-") ? lateForEndpointWindow : lateForDay).add(record);
        }
    }

    public static String header(TestRecord<?, ?> record, String name) {
        return header(record.headers(), name);
    }

    public static String header(Headers headers, String name) {
        return ErrorHeaders.read(headers, name);
    }

    // ---- store ------------------------------------------------------------------------------

    public WindowStore<String, CustomerDayAggregate> dailyStore() {
        return driver.getWindowStore(ApiRequestsPipeline.DAILY_STATS_STORE);
    }

    /** The current row of a customer's day from the store, or null. */
    public CustomerDailyStats storeRow(String customerId, Instant dayStart) {
        CustomerDayAggregate day = dailyStore().fetch(customerId, dayStart.toEpochMilli());
        return day == null ? null : day.toRow(customerId, dayStart.toEpochMilli());
    }

    /** Every row in the store, keyed "customer@date", leaving out the helper customers of {@link #advanceStreamTimeTo}. */
    public Map<String, CustomerDailyStats> storeRows() {
        Map<String, CustomerDailyStats> all = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, CustomerDayAggregate> it = dailyStore().all()) {
            it.forEachRemaining(kv -> {
                String customer = kv.key.key();
                if (!customer.startsWith("clock-")) {
                    CustomerDailyStats row = kv.value.toRow(customer, kv.key.window().start());
                    all.put(customer + "@" + row.date(), row);
                }
            });
        }
        return all;
    }

    @Override
    public void close() {
        scope.close();
    }


    // ---- events -----------------------------------------------------------------------------

    /** One api-requests event, and its JSON in the contract's canonical field names. */
    public record Request(String customerId, Instant time, int status, double durationMs, String requestId,
                          String method, String path) {
        public String json() {
            var json = new StringBuilder("{\"timestamp\":\"").append(time).append("\",\"customer_id\":\"")
                    .append(customerId).append("\",\"method\":\"").append(method)
                    .append("\",\"request_path\":\"").append(path)
                    .append("\",\"status_code\":").append(status)
                    .append(",\"duration_ms\":").append(formatNumber(durationMs));
            if (requestId != null) {
                json.append(",\"request_id\":\"").append(requestId).append('"');
            }
            return json.append('}').toString();
        }
    }

    public static Request request(String customerId, Instant time, int status, double durationMs) {
        return new Request(customerId, time, status, durationMs, null, "GET", "/api/v1/orders");
    }

    public static Request request(String customerId, Instant time, int status, double durationMs, String requestId) {
        return new Request(customerId, time, status, durationMs, requestId, "GET", "/api/v1/orders");
    }

    static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }

    public static Instant day(int n) {
        return T0.plus(DAY.multipliedBy(n));
    }

    // ---- exact reference values -------------------------------------------------------------

    /** The nearest-rank percentile: the ⌈q·n⌉-th smallest value. */
    public static double nearestRank(double[] values, double q) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int rank = Math.max(1, (int) Math.ceil(q * sorted.length));
        return sorted[rank - 1];
    }

    public static void assertWithinRelative(double expected, double actual, double relative, String message) {
        double tolerance = Math.abs(expected) * relative;
        if (Math.abs(actual - expected) > tolerance) {
            throw new AssertionError(message + ": expected " + expected + " ± " + (relative * 100) + "% but was " + actual
                    + " (relative error " + (expected == 0 ? Double.NaN : Math.abs(actual - expected) / Math.abs(expected)) + ")");
        }
    }
}
