package io.streamlytics.app.http;

import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.app.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries are limited per key as ingest is: a client that loops on an expensive route slows only itself. */
class QueryRateLimitTest {
    private static final String ONE = "query-key-0001";
    private static final String OTHER = "query-key-0002";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    @TempDir
    static Path stateDir;
    private static OfflineApi api;

    @BeforeAll
    static void start() {
        api = new OfflineApi(stateDir, new AccessSettings(java.util.Map.of(ONE, Scope.QUERY, OTHER, Scope.QUERY),
                "internal-secret-of-the-group", 0, 2));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterAndOthersAreServed() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 10 && (last == null || last.statusCode() != 429); i++) {
            last = get("/apps/checkout/logs?q=rare", ONE);
        }
        BadInputTest.assertError(429, "rate_limited", last);
        assertTrue(Integer.parseInt(last.headers().firstValue("Retry-After").orElse("0")) >= 1, "Retry-After in seconds");
        assertNotEquals(429, get("/apps/checkout/logs?q=rare", OTHER).statusCode(), "another key has its own bucket");
        assertEquals(200, get("/health", null).statusCode(), "the probes are not limited");
        assertEquals(200, get("/", null).statusCode(), "nor the pages");
    }
}
