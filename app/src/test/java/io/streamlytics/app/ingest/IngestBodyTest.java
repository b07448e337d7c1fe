package io.streamlytics.app.ingest;

import io.streamlytics.app.http.ApiException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IngestBodyTest {

    @Test
    void oneObjectIsOneEvent() {
        List<IngestBody.Item> items = IngestBody.parse(bytes("{\"a\":1}"), false);
        assertEquals(1, items.size());
        assertEquals(1, items.get(0).json().get("a").asInt());
    }

    @Test
    void anArrayIsOneEventPerElement() {
        List<IngestBody.Item> items = IngestBody.parse(bytes("[{\"a\":1},{\"a\":2},3]"), false);
        assertEquals(3, items.size());
        assertEquals(3, items.get(2).json().asInt());
    }

    @Test
    void ndjsonIsOneEventPerNonBlankLineAndABadLineIsOneRejection() {
        List<IngestBody.Item> items = IngestBody.parse(bytes("{\"a\":1}\r\n\n  \n{oops\n{\"a\":3}"), true);
        assertEquals(3, items.size());
        assertEquals(1, items.get(0).json().get("a").asInt());
        assertNull(items.get(1).json());
        assertNotNull(items.get(1).error());
        assertEquals(3, items.get(2).json().get("a").asInt());
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequest() {
        ApiException e = assertThrows(ApiException.class, () -> IngestBody.parse(bytes("{oops"), false));
        assertEquals(400, e.status());
        assertEquals("invalid_json", e.code());
        assertEquals(400, assertThrows(ApiException.class, () -> IngestBody.parse(bytes("  "), false)).status());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
