package io.streamlytics.topology.fuzz;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestParser;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.AppLogParser;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.EventParser;
import io.streamlytics.topology.events.InvalidEventException;
import io.streamlytics.topology.events.UserEvent;
import io.streamlytics.topology.events.UserEventParser;
import io.streamlytics.topology.serde.ApiRequestSerde;
import io.streamlytics.topology.serde.AppLogSerde;
import io.streamlytics.topology.serde.UserEventSerde;
import org.apache.kafka.common.serialization.Serde;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any bytes given to an event parser end as a valid event that its store format keeps unchanged, or as
 * an {@link InvalidEventException} with a code and a reason; nothing else escapes. {@code mvn verify}
 * replays the seeds under {@code EventParsersFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes one method
 * (select it with {@code -Dtest=EventParsersFuzzTest#apiRequests}) for its {@code maxDuration}.
 */
class EventParsersFuzzTest {
    /** Field names and values that help the fuzzer build events (libFuzzer dictionary format). */
    static final String EVENT_FIELDS = "/io/streamlytics/topology/fuzz/event-fields.dict";
    static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final long LATEST_ALLOWED = NOW + Duration.ofMinutes(5).toMillis();

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = EVENT_FIELDS)
    void apiRequests(byte[] raw) {
        ApiRequest request = parseOrReject(new ApiRequestParser(), raw);
        if (request != null) {
            assertText(request.customerId());
            assertText(request.path());
            assertText(request.method());
            assertTrue(request.statusCode() >= 100 && request.statusCode() <= 599, "status " + request.statusCode());
            assertTrue(Double.isFinite(request.durationMs()) && request.durationMs() >= 0, "duration " + request.durationMs());
            assertTrue(request.timestamp() <= LATEST_ALLOWED, "future timestamp " + request.timestamp());
            assertKeptAsIs(new ApiRequestSerde(), request);
        }
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = EVENT_FIELDS)
    void appLogs(byte[] raw) throws Exception {
        AppLog log = parseOrReject(new AppLogParser(), raw);
        if (log != null) {
            assertText(log.app());
            assertText(log.service());
            assertNotNull(log.level());
            assertFalse(log.message().isBlank());
            assertTrue(log.message().length() <= AppLogParser.MAX_MESSAGE_LENGTH);
            assertTrue(log.timestamp() <= LATEST_ALLOWED, "future timestamp " + log.timestamp());
            if (log.otherFields() != null) {
                assertTrue(EventJson.MAPPER.readTree(log.otherFields()).isObject(), log.otherFields());
            }
            assertKeptAsIs(new AppLogSerde(), log);
        }
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = EVENT_FIELDS)
    void userEvents(byte[] raw) {
        UserEvent event = parseOrReject(new UserEventParser(), raw);
        if (event != null) {
            assertText(event.userId());
            assertText(event.event());
            if (UserEvent.FLYER_OPEN.equals(event.event()) || UserEvent.FLYER_CLOSE.equals(event.event())) {
                assertText(event.flyerId());
                assertText(event.merchantId());
            }
            assertTrue(event.timestamp() <= LATEST_ALLOWED, "future timestamp " + event.timestamp());
            assertKeptAsIs(new UserEventSerde(), event);
        }
    }

    /** The event, or null when the parser rejected it with a code and a reason. */
    static <E> E parseOrReject(EventParser<E> parser, byte[] raw) {
        try {
            return parser.parse(raw, NOW);
        } catch (InvalidEventException e) {
            assertNotNull(e.code());
            assertFalse(e.code().isBlank(), "a rejection without a code");
            assertNotNull(e.getMessage());
            assertFalse(e.getMessage().isBlank(), "a rejection without a reason");
            return null;
        }
    }

    private static void assertText(String text) {
        assertNotNull(text);
        assertFalse(text.isBlank(), "blank text in a valid event");
        assertTrue(text.length() <= EventJson.MAX_TEXT_LENGTH, "text of " + text.length() + " characters");
    }

    /** A valid event must come back unchanged from the binary form its stores and repartitions keep it in. */
    private static <E> void assertKeptAsIs(Serde<E> serde, E event) {
        byte[] bytes = serde.serializer().serialize("fuzz", event);
        assertEquals(event, serde.deserializer().deserialize("fuzz", bytes));
    }
}
