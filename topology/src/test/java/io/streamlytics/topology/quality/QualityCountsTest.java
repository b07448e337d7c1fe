package io.streamlytics.topology.quality;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.T0;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Everything set aside is counted once, by kind, source topic and reason code. */
class QualityCountsTest {

    private static Map<String, Long> counts(ApiRequestsTestDriver driver) {
        KeyValueStore<String, Long> store = driver.driver().getKeyValueStore(QualityPipeline.COUNTS_STORE);
        Map<String, Long> counts = new TreeMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> counts.put(kv.key, kv.value));
        }
        return counts;
    }

    @Test
    void deadLettersLateEventsAndDuplicatesAreCountedByReason() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("a", T0.plusSeconds(1), 200, 10, "r-1"));
            driver.pipe(request("a", T0.plusSeconds(1), 200, 10, "r-1"));
            driver.pipe(request("a", T0.plusSeconds(2), 200, 10, "r-1"));
            driver.pipeJson("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"a\"}");
            driver.pipeJson("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"a\"}");
            driver.pipeJson("not json");
            driver.pipe(request("a", day(3), 200, 10));
            driver.pipe(request("a", T0.plusSeconds(5), 200, 10)); // its day closed at day 1 + 6 h

            assertEquals(Map.of(
                    "dead_lettered|api-requests|missing_field:request_path", 2L,
                    "dead_lettered|api-requests|malformed_json", 1L,
                    "duplicate|api-requests|duplicate_id", 2L,
                    "late|api-requests|late", 1L), counts(driver));
            var duplicates = driver.readDuplicates();
            assertEquals(2, duplicates.size());
            assertEquals("duplicate_id", ApiRequestsTestDriver.header(duplicates.get(0), ErrorHeaders.EXCEPTION));
            assertEquals("api-requests", ApiRequestsTestDriver.header(duplicates.get(0), ErrorHeaders.TOPIC));
            String duplicate = new String(duplicates.get(1).value(), StandardCharsets.UTF_8);
            assertEquals(true, duplicate.contains("\"request_id\":\"r-1\"") && duplicate.contains("00:00:02"), duplicate);
        }
    }

    @Test
    void anEventLateForItsMinuteIsCountedWithThatReason() {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("a", T0.plus(Duration.ofMinutes(5)), 200, 10));
            driver.pipe(request("a", T0.plus(Duration.ofMinutes(70)), 200, 10));
            driver.pipe(request("a", T0.plus(Duration.ofMinutes(5)), 200, 10));
            assertEquals(Map.of("late|api-requests|late-endpoint-1m", 1L), counts(driver));
        }
    }

    @Test
    void ingestRejectionsAndUnmarkedRecordsAreTold() {
        try (var driver = new ApiRequestsTestDriver()) {
            var deadLetters = driver.driver().createInputTopic(driver.config().topics().deadLetters(),
                    new ByteArraySerializer(), new ByteArraySerializer());
            var rejected = new RecordHeaders();
            ErrorHeaders.add(rejected, "app-logs", "missing_field:app", "missing required field 'app'");
            rejected.add(ErrorHeaders.STAGE, ErrorHeaders.STAGE_INGEST.getBytes(StandardCharsets.UTF_8));
            deadLetters.pipeInput(new TestRecord<>(null, "{}".getBytes(StandardCharsets.UTF_8), rejected, T0));
            deadLetters.pipeInput(new TestRecord<>(null, "?".getBytes(StandardCharsets.UTF_8), new RecordHeaders(), T0));
            assertEquals(Map.of("rejected|app-logs|missing_field:app", 1L, "dead_lettered|unknown|unknown", 1L), counts(driver));
        }
    }
}
