package io.streamlytics.topology.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link UserEventParser} on its own: required fields, flyer fields for opens and closes (contract section 1). */
class UserEventParserTest {
    private static final long NOW = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private final UserEventParser parser = new UserEventParser();

    private UserEvent parse(String json) throws InvalidEventException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
    }

    @Test
    void parsesTheContractExampleWithItsOffset() throws Exception {
        UserEvent event = parse("{\"timestamp\":\"2018-10-01T13:54:59-04:00\",\"user_id\":\"9ea6727\",\"event\":\"flyer_open\","
                + "\"flyer_id\":\"1234\",\"merchant_id\":\"21\"}");
        assertEquals(new UserEvent(Instant.parse("2018-10-01T17:54:59Z").toEpochMilli(), "9ea6727", "flyer_open", "1234", "21"), event);
        assertEquals(UserEvent.Kind.OPEN, event.kind());
    }

    @Test
    void otherEventsNeedNoFlyerAndEmptyFlyerFieldsAreAbsent() throws Exception {
        UserEvent event = parse("{\"timestamp\":1538416499000,\"user_id\":\"u\",\"event\":\"shopping_list_open\",\"flyer_id\":\"\"}");
        assertEquals(new UserEvent(1538416499000L, "u", "shopping_list_open", null, null), event);
        assertEquals(UserEvent.Kind.OTHER, event.kind());
    }

    @Test
    void aCloseIsAClose() throws Exception {
        assertEquals(UserEvent.Kind.CLOSE, parse("{\"timestamp\":0,\"user_id\":\"u\",\"event\":\"flyer_close\","
                + "\"flyer_id\":\"f\",\"merchant_id\":\"m\"}").kind());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"user_id\":\"u\",\"event\":\"search\"}|missing_field:timestamp",
            "{\"timestamp\":0,\"event\":\"search\"}|missing_field:user_id",
            "{\"timestamp\":0,\"user_id\":7,\"event\":\"search\"}|invalid_field:user_id",
            "{\"timestamp\":0,\"user_id\":\"u\"}|missing_field:event",
            "{\"timestamp\":0,\"user_id\":\"u\",\"event\":\"\"}|invalid_field:event",
            "{\"timestamp\":0,\"user_id\":\"u\",\"event\":\"flyer_open\",\"merchant_id\":\"m\"}|missing_field:flyer_id",
            "{\"timestamp\":0,\"user_id\":\"u\",\"event\":\"flyer_close\",\"flyer_id\":\"f\"}|missing_field:merchant_id",
            "{\"timestamp\":0,\"user_id\":\"u\",\"event\":\"flyer_open\",\"flyer_id\":\" \",\"merchant_id\":\"m\"}|invalid_field:flyer_id",
            "{\"timestamp\":\"2030-01-01T00:00:00Z\",\"user_id\":\"u\",\"event\":\"search\"}|future_timestamp",
            "[1,2]|not_an_object"})
    void rejectsWithAStableCode(String json, String code) {
        assertEquals(code, assertThrows(InvalidEventException.class, () -> parse(json), json).code());
    }
}
