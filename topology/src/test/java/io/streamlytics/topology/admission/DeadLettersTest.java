package io.streamlytics.topology.admission;

import io.streamlytics.topology.support.ApiRequestsTestDriver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.WALL_CLOCK;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.day;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.header;
import static io.streamlytics.topology.support.ApiRequestsTestDriver.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Contract section 4: a record that cannot be parsed or fails validation goes to dead-letters with its
 * original bytes and headers naming the source topic, partition, offset and the reason, and never stops
 * the topology: the good records after it are processed.
 */
class DeadLettersTest {
    private static final String VALID = "{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"c\","
            + "\"request_path\":\"/a\",\"status_code\":200,\"duration_ms\":5}";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] without(String field) {
        return utf8(VALID.replaceAll(",?\"" + field + "\":(\"[^\"]*\"|[0-9.]+)", "").replace("{,", "{"));
    }

    static Stream<Arguments> badRecords() {
        byte[] invalidUtf8 = utf8(VALID.replace("\"c\"", "\"cX\""));
        invalidUtf8[VALID.indexOf("\"c\"") + 2] = (byte) 0xFF; // the X: 0xFF is never valid in UTF-8
        String farFuture = WALL_CLOCK.plus(Duration.ofMinutes(6)).toString();
        return Stream.of(
                arguments("malformed JSON", utf8("{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":"), "malformed JSON"),
                arguments("not JSON at all", utf8("GET /api/v1/orders 200 35ms"), "malformed JSON"),
                arguments("missing timestamp", without("timestamp"), "missing required field 'timestamp'"),
                arguments("missing customer_id", without("customer_id"), "missing required field 'customer_id'"),
                arguments("missing request_path", without("request_path"), "missing required field 'request_path'"),
                arguments("missing status_code", without("status_code"), "missing required field 'status_code'"),
                arguments("missing duration_ms", without("duration_ms"), "missing required field 'duration_ms'"),
                arguments("null customer_id", utf8(VALID.replace("\"c\"", "null")), "missing required field 'customer_id'"),
                arguments("empty customer_id", utf8(VALID.replace("\"c\"", "\"\"")), "field 'customer_id' must not be empty"),
                arguments("string status_code", utf8(VALID.replace("200", "\"200\"")), "field 'status_code' must be an integer"),
                arguments("status_code out of range", utf8(VALID.replace("200", "999")), "field 'status_code' must be an HTTP status"),
                arguments("string duration", utf8(VALID.replace(":5}", ":\"35.2\"}")), "field 'duration_ms' must be a number"),
                arguments("negative duration", utf8(VALID.replace(":5}", ":-0.5}")), "field 'duration_ms' must be from 0 to 86400000"),
                arguments("duration over a day", utf8(VALID.replace(":5}", ":1.7e308}")), "field 'duration_ms' must be from 0 to 86400000"),
                arguments("timestamp before 1970", utf8(VALID.replace("2024-09-03T10:00:00Z", "1969-12-31T23:59:59Z")), "must not be before 1970"),
                arguments("timestamp beyond a long of milliseconds", utf8(VALID.replace("2024-09-03T10:00:00Z", "+292278995-01-01T00:00:00Z")), "ahead of the clock"),
                arguments("timestamp without offset", utf8(VALID.replace("10:00:00Z", "10:00:00")), "field 'timestamp' must be ISO-8601"),
                arguments("far-future timestamp", utf8(VALID.replace("2024-09-03T10:00:00Z", farFuture)), "ahead of the clock"),
                arguments("JSON array", utf8("[" + VALID + "]"), "expected a JSON object, got array"),
                arguments("JSON number", utf8("42"), "expected a JSON object, got number"),
                arguments("JSON string", utf8("\"hello\""), "expected a JSON object, got string"),
                arguments("invalid UTF-8", invalidUtf8, "UTF-8"),
                arguments("empty value", new byte[0], "empty record"),
                arguments("null value (tombstone)", null, "empty record"),
                arguments("an object followed by garbage", utf8(VALID + " trailing"), "malformed JSON"),
                arguments("two objects in one record", utf8(VALID + VALID), "malformed JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void badRecordGoesToDeadLettersAndProcessingGoesOn(String name, byte[] bad, String reasonPart) {
        try (var driver = new ApiRequestsTestDriver()) {
            driver.pipe(request("good", day(0).plusSeconds(60), 200, 10));    // offset 0
            driver.pipeRaw(bad, day(0));                                      // offset 1
            driver.pipe(request("good", day(0).plusSeconds(120), 500, 20));   // offset 2

            var deadLetters = driver.readDeadLetters();
            assertEquals(1, deadLetters.size(), name);
            var record = deadLetters.get(0);
            assertArrayEquals(bad, record.value(), name + ": the original bytes");
            assertArrayEquals(utf8("producer-key"), record.key(), name + ": the original key");
            String code = header(record, ErrorHeaders.EXCEPTION);
            assertTrue(code != null && code.matches("(missing_field|invalid_field):[a-z_]+|malformed_json|not_an_object|empty_record|future_timestamp"),
                    name + ": a countable reason code, got " + code);
            String reason = header(record, ErrorHeaders.REASON);
            assertTrue(reason != null && reason.contains(reasonPart), name + ": reason '" + reason + "' should contain '" + reasonPart + "'");
            assertEquals("api-requests", header(record, ErrorHeaders.TOPIC), name);
            assertEquals("0", header(record, ErrorHeaders.PARTITION), name);
            assertEquals("1", header(record, ErrorHeaders.OFFSET), name);

            var row = driver.storeRow("good", day(0));
            assertEquals(1, row.successRequests(), name + ": the good record before");
            assertEquals(1, row.failedRequests(), name + ": the good record after");
            assertEquals(List.of("good@2024-09-03"), List.copyOf(driver.storeRows().keySet()), name + ": nothing else counted");
            assertEquals(List.of(), driver.readLateEvents(), name);
        }
    }
}
