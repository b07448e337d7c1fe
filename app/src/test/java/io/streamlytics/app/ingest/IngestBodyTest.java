package io.streamlytics.app.ingest;

import io.streamlytics.app.http.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IngestBodyTest {
    /** The most events of one request, as README and the API document give it. */
    private static final int DOCUMENTED_LIMIT = 10_000;

    @Test
    void oneObjectIsOneEvent() {
        List<IngestBody.Item> items = IngestBody.parse(bytes("{\"a\":1}"), BodyFormat.JSON);
        assertEquals(1, items.size());
        assertEquals(1, items.get(0).json().get("a").asInt());
    }

    @Test
    void anArrayIsOneEventPerElement() {
        List<IngestBody.Item> items = IngestBody.parse(bytes("[{\"a\":1},{\"a\":2},3]"), BodyFormat.JSON);
        assertEquals(3, items.size());
        assertEquals(3, items.get(2).json().asInt());
    }

    @Test
    void ndjsonIsOneEventPerNonBlankLineAndABadLineIsOneRejection() {
        List<IngestBody.Item> items = IngestBody.parse(bytes("{\"a\":1}\r\n\n  \n{oops\n{\"a\":3}"), BodyFormat.NDJSON);
        assertEquals(3, items.size());
        assertEquals(1, items.get(0).json().get("a").asInt());
        assertNull(items.get(1).json());
        assertNotNull(items.get(1).error());
        assertEquals(3, items.get(2).json().get("a").asInt());
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> IngestBody.parse(bytes("{oops"), BodyFormat.JSON));
        assertEquals(400, e.status());
        assertEquals("invalid_json", e.code());
        assertEquals(400, assertThrows(ApiException.class, () -> IngestBody.parse(bytes("  "), BodyFormat.JSON)).status());
        assertEquals("invalid_json", assertThrows(ApiException.class, () -> IngestBody.parse(bytes("[{}] {}"), BodyFormat.JSON)).code());
    }

    @Test
    void aBodyOfTheMostEventsIsReadWholeAndOneMoreIsRefusedWhole() {
        assertEquals(DOCUMENTED_LIMIT, IngestBody.parse(array(DOCUMENTED_LIMIT), BodyFormat.JSON).size());
        assertEquals(DOCUMENTED_LIMIT, IngestBody.parse(lines(DOCUMENTED_LIMIT), BodyFormat.NDJSON).size());
        for (var body : List.of(Map.entry(array(DOCUMENTED_LIMIT + 1), BodyFormat.JSON),
                Map.entry(lines(DOCUMENTED_LIMIT + 1), BodyFormat.NDJSON),
                Map.entry(array(5_000_000), BodyFormat.ARRAY_ELSE_NDJSON))) {
            ApiException e = assertThrows(ApiException.class, () -> IngestBody.parse(body.getKey(), body.getValue()));
            assertEquals(413, e.status());
            assertEquals("too_many_events", e.code());
        }
    }

    @Test
    void theEarlierServicesBodyIsAnArrayWhenItStartsWithOneElseNdjson() {
        assertEquals(2, IngestBody.parse(bytes("  [{\"a\":1},{\"a\":2}]"), BodyFormat.ARRAY_ELSE_NDJSON).size());
        assertEquals(2, IngestBody.parse(bytes("{\"a\":1}\n{\"a\":2}"), BodyFormat.ARRAY_ELSE_NDJSON).size());
    }

    private static byte[] array(int events) {
        return ("[" + "0,".repeat(events - 1) + "0]").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(int events) {
        return "{}\n".repeat(events).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
