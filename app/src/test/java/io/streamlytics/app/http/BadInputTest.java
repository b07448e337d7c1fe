package io.streamlytics.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.topology.events.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile bodies and paths get a clean 4xx in the error format, never a 500, a hang or a file read. */
class BadInputTest {
    /** The most events of one request, as README and the API document give it. */
    private static final int DOCUMENTED_LIMIT = 10_000;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String VALID = "{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"c\",\"request_path\":\"/x\","
            + "\"status_code\":200,\"duration_ms\":1}";
    @TempDir
    static Path stateDir;
    private static OfflineApi api;

    @BeforeAll
    static void start() {
        api = new OfflineApi(stateDir);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        byte[] body = new byte[(int) OfflineApi.MAX_REQUEST_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        assertError(413, "payload_too_large", post("/ingest/api-requests", "application/json", body));
    }

    @Test
    void deeplyNestedJsonIs400() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertError(400, "invalid_json", post("/ingest/api-requests", "application/json", deep.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void deeplyNestedNdjsonLineIsOneRejectedEvent() throws Exception {
        String body = VALID + "\n" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "\n";
        HttpResponse<String> reply = post("/ingest/api-requests", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, reply.statusCode(), reply.body());
        assertEquals(1, json(reply).path("accepted").asInt());
        assertEquals(1, json(reply).path("rejected").path(0).path("index").asInt());
    }

    @Test
    void anArrayOfTheMostEventsIsAcceptedWholeAndOneMoreIs413() throws Exception {
        String body = "[" + String.join(",", java.util.Collections.nCopies(DOCUMENTED_LIMIT, VALID)) + "]";
        HttpResponse<String> reply = post("/ingest/api-requests", "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, reply.statusCode(), reply.body().substring(0, Math.min(300, reply.body().length())));
        assertEquals(DOCUMENTED_LIMIT, json(reply).path("accepted").asInt());
        api.producer.clear();
        String oneMore = "[" + String.join(",", java.util.Collections.nCopies(DOCUMENTED_LIMIT + 1, VALID)) + "]";
        assertError(413, "too_many_events", post("/ingest/api-requests", "application/json", oneMore.getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, api.producer.history().size(), "a refused body writes nothing, not even dead letters");
    }

    @Test
    void aMillionLineNdjsonIsRefusedWholeWithOneShortReply() throws Exception {
        api.producer.clear();
        byte[] body = "{}\n".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        HttpResponse<String> reply = post("/ingest/api-requests", "application/x-ndjson", body);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertError(413, "too_many_events", reply);
        System.out.printf("a million-line NDJSON body of %d bytes: %d in %d ms, reply of %d bytes%n",
                body.length, reply.statusCode(), tookMs, reply.body().length());
        assertTrue(reply.body().length() < 1_000, "a reply of " + reply.body().length() + " bytes");
        assertEquals(0, api.producer.history().size(), "a refused body writes nothing, not even dead letters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spark", "dead-letters", "..%2F..%2Fetc%2Fpasswd", "api-requests%2F..%2Fx", "api-requests%20"})
    void unknownTopicsAre404(String topic) throws Exception {
        HttpResponse<String> reply = post("/ingest/" + topic, "application/json", VALID.getBytes(StandardCharsets.UTF_8));
        assertEquals(404, reply.statusCode(), reply.body());
        assertErrorShape(reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/customers/..%2F..%2Fetc/stats?from=2024-09-03", "/customers/../../etc/passwd",
            "/customers/%2e%2e%2f%2e%2e%2fetc%2fpasswd/stats?from=2024-09-03", "/users/..%2F..%2Fetc%2Fpasswd/flyer-time",
            "/apps/..%2F..%2F..%2Fetc/logs", "/merchants/%00/report?from=2024-09-03", "/static/../../etc/passwd",
            "/..%2F..%2Fetc%2Fpasswd", "/customers/%C0%AE%C0%AE%2Fetc/stats?from=2024-09-03", "/ingest/%00"})
    void pathTraversalInIdsNeverReadsAFile(String path) throws Exception {
        HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(reply.statusCode() == 400 || reply.statusCode() == 404 || reply.statusCode() == 503,
                path + " answered " + reply.statusCode() + " " + reply.body());
        assertFalse(reply.body().contains("root:"), "a file was read: " + reply.body());
        assertErrorShape(reply);
    }

    @Test
    void absurdDurationsAndTimesAreRejectedWithTheirReason() throws Exception {
        String[] absurd = {
            VALID.replace("\"timestamp\":\"2024-09-03T10:00:00Z\"", "\"timestamp\":\"+292278995-01-01T00:00:00Z\""),
            VALID.replace("\"timestamp\":\"2024-09-03T10:00:00Z\"", "\"timestamp\":\"1969-12-31T23:59:59Z\""),
            VALID.replaceAll("\"duration_ms\":[0-9.]+", "\"duration_ms\":1.7e308"),
            VALID.replaceAll("\"duration_ms\":[0-9.]+", "\"duration_ms\":86400001"),
        };
        String body = VALID + "\n" + String.join("\n", absurd) + "\n";
        HttpResponse<String> reply = post("/ingest/api-requests", "application/x-ndjson", body.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, reply.statusCode(), reply.body());
        assertEquals(1, json(reply).path("accepted").asInt(), reply.body());
        JsonNode rejected = json(reply).path("rejected");
        assertEquals(absurd.length, rejected.size(), reply.body());
        assertTrue(rejected.path(0).path("error").asText().contains("ahead of the clock"), reply.body());
        assertTrue(rejected.path(1).path("error").asText().contains("1970"), reply.body());
        assertTrue(rejected.path(2).path("error").asText().contains("one day"), reply.body());
        assertTrue(rejected.path(3).path("error").asText().contains("one day"), reply.body());
    }

    @Test
    void ingestTakesOnlyJsonAndNdjsonBodies() throws Exception {
        byte[] body = VALID.getBytes(StandardCharsets.UTF_8);
        // what a web page may post to this machine without a CORS preflight
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"}) {
            assertError(415, "unsupported_media_type", post("/ingest/api-requests", type, body));
        }
        assertEquals(202, post("/ingest/api-requests", "application/json; charset=utf-8", body).statusCode());
        assertEquals(202, post("/ingest/api-requests", "Application/X-NDJSON", body).statusCode());
    }

    @Test
    void aPostFromAWebPageOfAnotherOriginIsRefusedEvenAsPlainTextOnTheEarlierRoute() throws Exception {
        String line = "{\"app\":\"a\",\"level\":\"info\",\"message\":\"m\"}\n";
        for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:" + (api.port + 1)}) {
            assertError(403, "cross_origin", postFrom(origin, "/api/v1/ingest/", "text/plain", line));
            assertError(403, "cross_origin", postFrom(origin, "/ingest/api-requests", "application/json", VALID));
        }
        assertEquals(202, postFrom("http://127.0.0.1:" + api.port, "/api/v1/ingest/", "text/plain", line).statusCode(),
                "the instance's own pages may post");
        assertEquals(202, post("/api/v1/ingest/", "text/plain", line.getBytes(StandardCharsets.UTF_8)).statusCode(),
                "a script sends no Origin: the earlier service's plain-text posts keep working");
    }

    private static HttpResponse<String> postFrom(String origin, String path, String contentType, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aQueryTimeBeyondYear9999Is400NotAServerError() throws Exception {
        for (String query : new String[] {"/endpoints/top?at=%2B100000000-01-01T00:00:00Z",
                "/endpoints/metrics?endpoint=GET%20/x&to=%2B100000000-01-01T00:00:00Z", "/anomalies?to=-100000000-01-01T00:00:00Z",
                "/customers/c/stats?from=%2B100000000-01-01"}) {
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + query))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertError(400, "bad_parameter", reply);
        }
    }

    @Test
    void aSearchTextLongerThanTheDocumentedMostIs400() throws Exception {
        String documentedMost = "a".repeat(256);
        for (String route : new String[] {"/apps/checkout/logs?q=", "/api/v1/logs/?app=checkout&q="}) {
            assertError(400, "bad_parameter", get(route + documentedMost + "b"));
            assertTrue(get(route + documentedMost).statusCode() != 400, route + ": 256 characters are a valid text");
        }
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + pathAndQuery))
                .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void assertError(int status, String code, HttpResponse<String> reply) {
        assertEquals(status, reply.statusCode(), reply.body().substring(0, Math.min(300, reply.body().length())));
        assertEquals(code, json(reply).path("error").path("code").asText(), reply.body().substring(0, Math.min(300, reply.body().length())));
        assertErrorShape(reply);
    }

    static void assertErrorShape(HttpResponse<String> reply) {
        JsonNode error = json(reply).path("error");
        assertFalse(error.path("code").asText().isBlank(), reply.body());
        assertFalse(error.path("message").asText().isBlank(), reply.body());
    }

    private static JsonNode json(HttpResponse<String> reply) {
        try {
            return EventJson.MAPPER.readTree(reply.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + reply.body(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
