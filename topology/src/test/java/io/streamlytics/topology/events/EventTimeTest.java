package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EventTime}: ISO-8601 with an offset or Z (fractions allowed), or epoch milliseconds as a number. */
class EventTimeTest {
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    private static JsonNode json(String timestampJson) throws InvalidEventException {
        return EventJson.readTree(("{\"timestamp\":" + timestampJson + "}").getBytes());
    }

    private static long required(String timestampJson) throws InvalidEventException {
        return EventTime.required(json(timestampJson), "timestamp", NOW);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "'\"2025-05-22T15:00:00Z\"'          | 2025-05-22T15:00:00Z",
            "'\"2018-10-01T13:54:59-04:00\"'     | 2018-10-01T17:54:59Z",
            "'\"2024-09-03T10:15:30.120Z\"'      | 2024-09-03T10:15:30.120Z",
            "'\"2024-09-03T10:15:30.1+05:30\"'   | 2024-09-03T04:45:30.100Z",
            "'\"2024-09-03T10:15:30.123456789Z\"'| 2024-09-03T10:15:30.123Z",
            "'\"2024-09-03T00:30:00+01:00\"'     | 2024-09-02T23:30:00Z",
            "'\"2024-09-03t00:30:00z\"'          | 2024-09-03T00:30:00Z",
            // shapes the JDK accepts and IsoInstant leaves to it: no seconds, an offset of hours only
            "'\"2024-09-03T10:15Z\"'             | 2024-09-03T10:15:00Z",
            "'\"2024-09-03T10:15:30+05\"'        | 2024-09-03T05:15:30Z",
            "1725321600000                       | 2024-09-03T00:00:00Z",
            "0                                   | 1970-01-01T00:00:00Z"})
    void parsesIsoWithOffsetAndEpochMillis(String timestampJson, String expectedUtc) throws Exception {
        assertEquals(Instant.parse(expectedUtc).toEpochMilli(), required(timestampJson.trim()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"\"2024-09-03T10:15:30\"", "\"2024-09-03\"", "\"yesterday\"", "\"1725321600000\"",
            "\"2024-09-03 10:15:30Z\"", "\"\"", "1.7253216E12", "true", "{}", "[]", "-1"})
    void rejectsOtherForms(String timestampJson) {
        var e = assertThrows(InvalidEventException.class, () -> required(timestampJson));
        assertTrue(e.getMessage().startsWith("field 'timestamp' must"), e.getMessage());
    }

    @Test
    void textBeforeNineteenSeventyIsRejectedWithTheText() {
        assertEquals("field 'timestamp' must not be before 1970, got \"1969-12-31T23:59:59.999Z\"",
                assertThrows(InvalidEventException.class, () -> required("\"1969-12-31T23:59:59.999Z\"")).getMessage());
        assertEquals("field 'timestamp' must not be before 1970, got \"1970-01-01T00:30:00+01:00\"",
                assertThrows(InvalidEventException.class, () -> required("\"1970-01-01T00:30:00+01:00\"")).getMessage());
    }

    @Test
    void missingOrNullIsMissing() {
        assertEquals("missing required field 'timestamp'",
                assertThrows(InvalidEventException.class, () -> required("null")).getMessage());
        assertEquals("missing required field 'timestamp'", assertThrows(InvalidEventException.class,
                () -> EventTime.required(EventJson.readTree("{}".getBytes()), "timestamp", NOW)).getMessage());
    }

    @Test
    void atMostFiveMinutesAheadOfTheWallClock() throws Exception {
        long limit = NOW + Duration.ofMinutes(5).toMillis();
        assertEquals(limit, required(Long.toString(limit)), "exactly 5 min ahead is accepted");
        var e = assertThrows(InvalidEventException.class, () -> required(Long.toString(limit + 1)));
        assertTrue(e.getMessage().contains("more than 5 minutes ahead of the clock (2026-01-01T00:00:00Z)"), e.getMessage());
        assertThrows(InvalidEventException.class, () -> required("\"2026-01-01T00:05:00.001Z\""));
        // the past is never too old here: lateness is judged by stream time, not the wall clock
        assertEquals(Instant.parse("1999-12-31T23:59:59Z").toEpochMilli(), required("\"1999-12-31T23:59:59Z\""));
    }

    @Test
    void longTextIsAbbreviatedInTheReason() {
        String text = "x".repeat(500);
        var e = assertThrows(InvalidEventException.class, () -> required("\"" + text + "\""));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }
}
