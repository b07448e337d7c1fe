package io.streamlytics.topology.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link AppLogParser} on its own: levels, aliases, defaults, kept fields and reason codes (contract section 1). */
class AppLogParserTest {
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long RECEIVED = Instant.parse("2025-12-31T23:59:00Z").toEpochMilli();
    private final AppLogParser parser = new AppLogParser();

    private AppLog parse(String json) throws InvalidEventException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW, RECEIVED);
    }

    private InvalidEventException invalid(String json) {
        return assertThrows(InvalidEventException.class, () -> parse(json), json);
    }

    @Test
    void parsesTheContractExample() throws Exception {
        AppLog log = parse("{\"timestamp\":\"2025-05-22T15:00:00Z\",\"app\":\"checkout\",\"service\":\"payments\",\"level\":\"ERROR\","
                + "\"message\":\"card declined\",\"trace_id\":\"abc123\",\"metadata\":{\"region\":\"eu\"}}");
        assertEquals(new AppLog(Instant.parse("2025-05-22T15:00:00Z").toEpochMilli(), "checkout", "payments", LogLevel.ERROR,
                "card declined", "{\"metadata\":{\"region\":\"eu\"},\"trace_id\":\"abc123\"}"), log);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"error,ERROR", "Error,ERROR", "WARNING,WARN", "warning,WARN", "warn,WARN", "' info ',INFO", "trace,TRACE",
            "DEBUG,DEBUG", "fatal,FATAL"})
    void levelsAreNormalised(String given, LogLevel expected) throws Exception {
        assertEquals(expected, parse("{\"app\":\"a\",\"level\":\"" + given + "\",\"message\":\"m\"}").level());
    }

    @Test
    void missingTimestampIsTheTimeReceivedAndMissingServiceIsTheApp() throws Exception {
        AppLog log = parse("{\"app\":\"checkout\",\"level\":\"info\",\"message\":\"started\"}");
        assertEquals(RECEIVED, log.timestamp());
        assertEquals("checkout", log.service());
        assertNull(log.otherFields());
        assertEquals("checkout", parse("{\"app\":\"checkout\",\"service\":\" \",\"level\":\"info\",\"message\":\"m\"}").service());
        assertEquals(NOW, parser.parse(EventJson.readTree("{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\"}".getBytes()), NOW)
                .timestamp(), "over HTTP a line is received now");
    }

    @Test
    void metadataUnderscoreIsAnAliasAndTheCanonicalNameWins() throws Exception {
        assertEquals("{\"metadata\":{\"k\":1}}",
                parse("{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\",\"metadata_\":{\"k\":1}}").otherFields());
        assertEquals("{\"metadata\":{\"k\":2}}",
                parse("{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\",\"metadata_\":{\"k\":1},\"metadata\":{\"k\":2}}").otherFields());
    }

    @Test
    void aCompleteSurrogatePairIsOneCharacterAndIsKept() throws Exception {
        assertEquals("\uD83D\uDE00", parse("{\"app\":\"a\",\"level\":\"info\",\"message\":\"\\ud83d\\ude00\"}").message());
    }

    @Test
    void unknownFieldsAreKeptAsTheyCame() throws Exception {
        AppLog log = parse("{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\",\"host\":\"web-1\",\"tags\":[\"x\",1],\"pid\":42}");
        assertEquals("{\"host\":\"web-1\",\"tags\":[\"x\",1],\"pid\":42}", log.otherFields());
        assertEquals("{\"timestamp\":\"2025-12-31T23:59:00Z\",\"app\":\"a\",\"service\":\"a\",\"level\":\"INFO\",\"message\":\"m\","
                + "\"host\":\"web-1\",\"tags\":[\"x\",1],\"pid\":42}", AppLogJson.write(log).toString());
    }

    @Test
    void longMessagesAreAcceptedUpToTheirOwnLimit() throws Exception {
        String stackTrace = "x".repeat(AppLogParser.MAX_MESSAGE_LENGTH);
        assertEquals(stackTrace, parse("{\"app\":\"a\",\"level\":\"error\",\"message\":\"" + stackTrace + "\"}").message());
        assertEquals("invalid_field:message", invalid("{\"app\":\"a\",\"level\":\"error\",\"message\":\"" + stackTrace + "x\"}").code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing app|{\"level\":\"info\",\"message\":\"m\"}|missing_field:app|missing required field 'app'",
            "missing level|{\"app\":\"a\",\"message\":\"m\"}|missing_field:level|missing required field 'level'",
            "missing message|{\"app\":\"a\",\"level\":\"info\"}|missing_field:message|missing required field 'message'",
            "unknown level|{\"app\":\"a\",\"level\":\"verbose\",\"message\":\"m\"}|invalid_field:level|must be one of TRACE",
            "numeric level|{\"app\":\"a\",\"level\":3,\"message\":\"m\"}|invalid_field:level|must be a string",
            "empty app|{\"app\":\"\",\"level\":\"info\",\"message\":\"m\"}|invalid_field:app|must not be empty",
            "metadata not an object|{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\",\"metadata\":\"eu\"}|invalid_field:metadata|must be an object",
            "bad timestamp|{\"timestamp\":\"yesterday\",\"app\":\"a\",\"level\":\"info\",\"message\":\"m\"}|invalid_field:timestamp|ISO-8601",
            "lone surrogate in the message (found by fuzzing)|{\"app\":\"a\",\"level\":\"info\",\"message\":\"x\\ud800\"}|invalid_field:message|lone surrogate",
            "lone surrogate in metadata (found by fuzzing)|{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\",\"metadata\":{\"r\":\"\\udc00\"}}|invalid_field:other_fields|lone surrogate",
            "not an object|[1,2]|not_an_object|expected a JSON object"})
    void invalidLinesSayWhyWithAStableCode(String name, String json, String code, String reasonPart) {
        InvalidEventException e = invalid(json);
        assertEquals(code, e.code(), name);
        assertTrue(e.getMessage().contains(reasonPart), name + ": " + e.getMessage());
    }

    @Test
    void aTimestampFarAheadOfTheClockIsRejected() {
        String future = Instant.ofEpochMilli(NOW).plus(Duration.ofMinutes(6)).toString();
        assertEquals("future_timestamp", invalid("{\"timestamp\":\"" + future + "\",\"app\":\"a\",\"level\":\"info\",\"message\":\"m\"}").code());
    }
}
