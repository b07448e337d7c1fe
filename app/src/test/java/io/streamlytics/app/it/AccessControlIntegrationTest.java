package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.query.Forwarder;
import io.streamlytics.app.http.KeyQueryHandler;
import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.app.security.InternalRequestSigner;
import io.streamlytics.app.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances with API keys: scopes are enforced, and the instances still forward and gather among themselves. */
class AccessControlIntegrationTest {
    private static final String ALL = "all-key-0001";
    private static final String INGEST = "ingest-key-0001";
    private static final String QUERY = "query-key-0001";
    private static final AccessSettings ACCESS = new AccessSettings(
            Map.of(ALL, Scope.ALL, INGEST, Scope.INGEST, QUERY, Scope.QUERY), "internal-secret-of-the-group", 2, 0);
    private static final String EVENT = "{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"acl_0\","
            + "\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":3}";
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;

    @BeforeAll
    static void start() {
        String bootstrap = SharedBroker.bootstrapServers();
        a = Instances.startRunning(Instances.config(bootstrap, "it-acl", "acl-", stateA, ACCESS));
        b = Instances.startRunning(Instances.config(bootstrap, "it-acl", "acl-", stateB, ACCESS));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    private static void assertError(Http.Reply reply, int status, String code) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(code, reply.json().at("/error/code").asText(), reply.body());
    }

    @Test
    void keysAndScopesAreEnforcedAndProbesStayOpen() {
        assertEquals(200, Http.get(a, "/health").status());
        for (String page : new String[] {"/", "/docs", "/openapi.json", "/assets/dashboard.js", "/ui/customer", "/ui/merchant", "/ui/jobs",
                "/ui/logs", "/assets/common.js"}) {
            assertEquals(200, Http.get(a, page).status(), page + " is open: a browser loads it before it can send a key");
        }
        assertError(Http.get(a, "/topics"), 401, "missing_api_key");
        String stats = "/customers/acl_0/stats?from=2024-09-03";
        assertError(Http.get(a, stats), 401, "missing_api_key");
        assertError(Http.get(a, stats, "X-API-Key", "no-such-key"), 401, "unknown_api_key");
        assertError(Http.get(a, stats, "X-API-Key", INGEST), 403, "forbidden");
        assertError(Http.post(a, "/ingest/api-requests", "application/json", EVENT, "X-API-Key", QUERY), 403, "forbidden");
        assertError(Http.get(a, "/internal/quality-counts", "X-API-Key", ALL), 403, "internal_only");
        assertEquals(404, Http.get(a, "/no-such-route").status(), "an unknown route is still a 404");
    }

    @Test
    void queriesAreForwardedAndGatheredBetweenInstancesWithTheInternalKey() {
        StringJoiner ndjson = new StringJoiner("\n");
        for (int c = 0; c < 12; c++) {
            ndjson.add(EVENT.replace("acl_0", "acl_" + c));
        }
        Http.Reply ingest = Http.post(b, "/ingest/api-requests", "application/x-ndjson", ndjson.toString(),
                "Authorization", "Bearer " + INGEST);
        assertEquals(202, ingest.status(), ingest.body());

        Set<String> servedBy = new HashSet<>();
        String ownedByB = null;
        String addressOfB = b.address().host() + ":" + b.address().port();
        for (int c = 0; c < 12; c++) {
            String path = "/customers/acl_" + c + "/stats?from=2024-09-03";
            Http.Reply[] reply = new Http.Reply[1];
            Instances.await(Duration.ofSeconds(60), () -> (reply[0] = Http.get(a, path, "X-API-Key", QUERY)).status() == 200,
                    "acl_" + c + " answers through instance a");
            String server = reply[0].raw().headers().firstValue(KeyQueryHandler.SERVED_BY_HEADER).orElse("?");
            servedBy.add(server);
            if (server.equals(addressOfB)) {
                ownedByB = path;
            }
        }
        assertEquals(2, servedBy.size(), "some answers were forwarded to b: " + servedBy);
        assertEquals("application/json", Http.get(a, ownedByB, "X-API-Key", QUERY).raw().headers()
                .firstValue("Content-Type").orElse("?"), "a forwarded answer is relayed as JSON");

        // a client claiming to be a peer is still only a client: its query goes to the owner, not a 503
        Http.Reply claimsToBeAPeer = Http.get(a, ownedByB, "X-API-Key", QUERY, Forwarder.HOP_HEADER, "1");
        assertEquals(200, claimsToBeAPeer.status(), claimsToBeAPeer.body());
        assertEquals(addressOfB, claimsToBeAPeer.raw().headers().firstValue(KeyQueryHandler.SERVED_BY_HEADER).orElse("?"));
        Http.Reply quality = Http.get(b, "/quality", "X-API-Key", ALL);
        assertEquals(200, quality.status(), quality.body());
    }

    @Test
    void internalRoutesTakeOnlyASignatureMadeForThisInstanceAndNeverTheSecretItself() {
        String path = "/internal/quality-counts";
        assertError(Http.get(b, path, "X-Streamlytics-Internal-Key", ACCESS.internalKey()), 403, "internal_only");
        InternalRequestSigner peer = new InternalRequestSigner(ACCESS.internalKey(), System::currentTimeMillis);
        String[] signedForA = asArguments(peer.sign("GET", a.address(), path));
        assertEquals(200, Http.get(a, path, signedForA).status(), "the instance it was signed for takes it");
        assertError(Http.get(b, path, signedForA), 403, "internal_only");
        assertError(Http.get(a, path + "?other=1", signedForA), 403, "internal_only");
        String[] wrongKey = asArguments(new InternalRequestSigner("not-the-group-key", System::currentTimeMillis)
                .sign("GET", a.address(), path));
        assertError(Http.get(a, path, wrongKey), 403, "internal_only");
    }

    private static String[] asArguments(Map<String, String> headers) {
        return headers.entrySet().stream().flatMap(header -> Stream.of(header.getKey(), header.getValue())).toArray(String[]::new);
    }

    @Test
    void ingestIsRateLimitedPerKeyWithRetryAfter() {
        Http.Reply last = null;
        for (int i = 0; i < 5 && (last == null || last.status() != 429); i++) {
            last = Http.post(a, "/ingest/api-requests", "application/json", EVENT, "X-API-Key", ALL);
        }
        assertError(last, 429, "rate_limited");
        assertTrue(Integer.parseInt(last.raw().headers().firstValue("Retry-After").orElse("0")) >= 1, "Retry-After in seconds");
        assertEquals(202, Http.post(a, "/ingest/api-requests", "application/json", EVENT, "X-API-Key", INGEST).status(),
                "another key has its own bucket");
    }
}
