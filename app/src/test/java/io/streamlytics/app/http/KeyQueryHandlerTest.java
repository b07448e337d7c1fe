package io.streamlytics.app.http;

import io.streamlytics.app.query.Forwarder;
import io.streamlytics.app.query.KeyAnswer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A key query's answer as a reply: rows as JSON with where they came from, or another instance's reply passed on. */
class KeyQueryHandlerTest {
    private static final List<Map<String, Object>> ROWS = List.of(Map.of("date", "2024-09-03"));
    private static final String ROWS_JSON = "[{\"date\":\"2024-09-03\"}]";

    @Test
    void currentRowsNameTheInstanceThatReadThem() {
        KeyQueryHandler.Reply reply = KeyQueryHandler.replyTo(new KeyAnswer.Current<>(ROWS, "10.0.0.1:8080"));
        assertEquals(200, reply.status());
        assertEquals(Map.of("X-Streamlytics-Served-By", "10.0.0.1:8080"), reply.headers());
        assertEquals(ROWS_JSON, new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aStandbysRowsSayTheyAreStaleAndByHowMuch() {
        KeyQueryHandler.Reply reply = KeyQueryHandler.replyTo(new KeyAnswer.Stale<>(ROWS, "10.0.0.1:8080", 12));
        assertEquals(200, reply.status());
        assertEquals(Map.of("X-Streamlytics-Served-By", "10.0.0.1:8080", "X-Streamlytics-Stale", "true",
                "X-Streamlytics-Lag", "12"), reply.headers());
        assertEquals(ROWS_JSON, new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aStandbysObjectSaysInItsBodyThatItIsStaleAndItsLag() {
        KeyQueryHandler.Reply reply = KeyQueryHandler.replyTo(new KeyAnswer.Stale<>(Map.of("user_id", "u1"), "10.0.0.1:8080", 12));
        assertEquals("{\"user_id\":\"u1\",\"stale\":true,\"lag\":12}", new String(reply.body(), StandardCharsets.UTF_8));
        assertEquals("true", reply.headers().get("X-Streamlytics-Stale"));
    }

    @Test
    void anotherInstancesReplyKeepsItsStatusBodyAndOnlyTheHeadersThatDescribeTheAnswer() {
        byte[] body = "{\"error\":{\"code\":\"partition_restoring\",\"message\":\"later\"}}".getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = HttpHeaders.of(Map.of(
                "Retry-After", List.of("1"),
                "X-Streamlytics-Served-By", List.of("10.0.0.2:8080"),
                "Content-Type", List.of("text/html"),
                "Set-Cookie", List.of("session=1")), (name, value) -> true);
        KeyQueryHandler.Reply reply = KeyQueryHandler.replyTo(new KeyAnswer.Relayed<>(new Forwarder.Reply(503, headers, body)));
        assertEquals(503, reply.status());
        assertEquals(Map.of("Retry-After", "1", "X-Streamlytics-Served-By", "10.0.0.2:8080"), reply.headers());
        assertArrayEquals(body, reply.body());
    }
}
