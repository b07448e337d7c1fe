package io.streamlytics.topology.applogs;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.LogLevel;
import io.streamlytics.topology.support.AppLogsTestDriver;
import io.streamlytics.topology.support.AppLogsTestDriver.Line;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.header;
import static io.streamlytics.topology.support.AppLogsTestDriver.T0;
import static io.streamlytics.topology.support.AppLogsTestDriver.everything;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invalid app-logs records go to dead-letters with a reason code and their source; the lines around them are kept. */
class AppLogDeadLettersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON|ERROR card declined|malformed_json",
            "missing message|{\"app\":\"a\",\"level\":\"info\"}|missing_field:message",
            "unknown level|{\"app\":\"a\",\"level\":\"loud\",\"message\":\"m\"}|invalid_field:level",
            "metadata a string|{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\",\"metadata_\":\"x\"}|invalid_field:metadata"})
    void invalidLineGoesToDeadLettersWithItsReason(String name, String value, String code) {
        try (var driver = new AppLogsTestDriver()) {
            driver.pipe(new Line(T0, "a", "s", LogLevel.INFO, "before"));     // offset 0
            driver.pipeRaw(value, T0);                                          // offset 1
            driver.pipe(new Line(T0.plusSeconds(1), "a", "s", LogLevel.INFO, "after"));

            var deadLetters = driver.readDeadLetters();
            assertEquals(1, deadLetters.size(), name);
            var record = deadLetters.get(0);
            assertEquals(value, new String(record.value()), name + ": the original line");
            assertEquals(code, header(record, ErrorHeaders.EXCEPTION), name);
            assertTrue(header(record, ErrorHeaders.REASON).length() > 10, name + ": a reason to read");
            assertEquals("app-logs", header(record, ErrorHeaders.TOPIC));
            assertEquals("1", header(record, ErrorHeaders.OFFSET));
            assertEquals(List.of("after", "before"), driver.search(everything("a", 10)).stream().map(f -> f.line().message()).toList());
        }
    }

    @Test
    void aLineWithoutTimestampTakesItsRecordTimestamp() {
        try (var driver = new AppLogsTestDriver()) {
            Instant recorded = T0.plusSeconds(42);
            driver.pipeRaw("{\"app\":\"a\",\"level\":\"WARNING\",\"message\":\"no time\",\"metadata_\":{\"k\":\"v\"}}", recorded);
            var found = driver.search(everything("a", 10));
            assertEquals(1, found.size());
            assertEquals(recorded.toEpochMilli(), found.get(0).line().timestamp());
            assertEquals(LogLevel.WARN, found.get(0).line().level());
            assertEquals("{\"metadata\":{\"k\":\"v\"}}", found.get(0).line().otherFields());
            assertEquals(List.of(), driver.readDeadLetters());
        }
    }
}
