package io.streamlytics.app.http;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Any path id and query parameters on any GET route end as an answer (here 503: the streams never
 * start, so a query that got past its parameters cannot read) or a 4xx in the error format; never a
 * 500. The routes are the real ones, over HTTP. Seeds under {@code QueryParamsFuzzTestInputs/};
 * {@code JAZZER_FUZZ=1 mvn test -pl app -am -Dtest=QueryParamsFuzzTest} fuzzes for {@code maxDuration}.
 */
class QueryParamsFuzzTest {
    private static final String[] ROUTES = {"/customers/{}/stats", "/endpoints/metrics", "/endpoints/top", "/anomalies",
            "/users/{}/flyer-time", "/flyer-time", "/merchants/{}/report", "/apps", "/apps/{}/logs", "/apps/{}/stats",
            "/api/v1/logs/", "/api/v1/stats/", "/quality", "/internal/anomalies", "/internal/endpoint-partials",
            "/internal/app-logs/search", "/internal/app-logs/stats", "/internal/app-logs/apps", "/internal/flyer-time",
            "/internal/quality-counts", "/ready", "/health"};
    private static final String[] PARAMETERS = {"from", "to", "at", "after", "limit", "n", "by", "window", "endpoint",
            "level", "service", "q", "app"};
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static OfflineApi api;

    @BeforeAll
    static void start() throws IOException {
        api = new OfflineApi(Files.createTempDirectory("query-params-fuzz"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = "/io/streamlytics/app/http/query-params.dict")
    void everyGetEndsInAnAnswerOrA4xx(FuzzedDataProvider data) throws Exception {
        String route = data.pickValue(ROUTES).replace("{}", encode(data.consumeString(40)));
        StringBuilder query = new StringBuilder();
        for (int i = data.consumeInt(0, 5); i > 0; i--) {
            query.append(query.isEmpty() ? "?" : "&").append(data.pickValue(PARAMETERS)).append('=').append(encode(data.consumeString(40)));
        }
        String pathAndQuery = route + query;
        HttpResponse<String> reply;
        // Jazzer's SSRF detector flags every connection; this test's own requests to the API under test are expected
        try (SilentCloseable toTheApi = BugDetectors.allowNetworkConnections((host, port) -> port == api.port)) {
            reply = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port + pathAndQuery))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
        int status = reply.statusCode();
        assertTrue(status == 200 || (status >= 400 && status < 500) || status == 503, pathAndQuery + " answered " + status + " " + reply.body());
        if (status != 200) {
            BadInputTest.assertErrorShape(reply);
        }
        if (status == 503) {
            assertTrue(reply.headers().firstValue("Retry-After").isPresent(), pathAndQuery + ": 503 without Retry-After");
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
