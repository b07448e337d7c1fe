package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.events.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API document is the truth: real replies of every route in {@code openapi.json}, answers and errors, are
 * validated (JSON Schema 2020-12) against the schema the document gives for the status that came back, so the
 * hand-written document cannot drift from the code. Every mismatch is reported together.
 */
class ApiReplySchemaIntegrationTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String COMPONENT_SCHEMAS = "#/components/schemas/";
    /** Routes whose answer is not JSON, so there is no schema to hold it to. */
    private static final Map<String, String> NOT_JSON = Map.of(
            "GET /", "the dashboard page (text/html)",
            "GET /docs", "the Swagger UI page (text/html)",
            "GET /ui/customer", "the customer days page (text/html)",
            "GET /ui/merchant", "the merchant report page (text/html)",
            "GET /ui/jobs", "the jobs page (text/html)",
            "GET /ui/logs", "the log search page (text/html)",
            "GET /metrics", "Prometheus text exposition (text/plain)");
    /** App log lines are stamped now: the legacy route's lines carry no time, so they move the log pipeline's time to now. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final String LOG_RANGE = "from=" + NOW.minus(Duration.ofHours(1)) + "&to=" + NOW.plus(Duration.ofHours(1));
    private static final String SPARK_APP = "local-1747731600000";
    private static final long SPARK_START = 1_747_731_600_000L; // 2025-05-20T09:00:00Z
    @TempDir
    static Path state;
    private static StreamlyticsInstance instance;
    private static JsonNode document;
    /** The replies to the ingest calls, checked with the rest: sending them again would double the data. */
    private static final Map<Call, Http.Reply> INGEST_REPLIES = new LinkedHashMap<>();

    /** One request to one documented route and the status it must answer. */
    record Call(String route, String pathAndQuery, int expectedStatus, String contentType, String body) {
        static Call get(String route, String pathAndQuery, int expectedStatus) {
            return new Call(route, pathAndQuery, expectedStatus, null, null);
        }

        static Call post(String route, String path, int expectedStatus, String contentType, String body) {
            return new Call(route, path, expectedStatus, contentType, body);
        }

        Http.Reply send() {
            return body == null ? Http.get(instance, pathAndQuery) : Http.post(instance, pathAndQuery, contentType, body);
        }
    }

    @BeforeAll
    static void startAndIngest() throws IOException {
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-reply-schema", "schema-", state));
        try (InputStream in = ApiReplySchemaIntegrationTest.class.getResourceAsStream("/web/openapi.json")) {
            document = Http.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        for (Call ingest : ingestCalls()) {
            Http.Reply reply = ingest.send();
            assertEquals(202, reply.status(), ingest + " → " + reply.body());
            INGEST_REPLIES.put(ingest, reply);
        }
        for (String answer : List.of(
                "/customers/cust_s/stats?from=2024-09-03",
                "/endpoints/metrics?endpoint=GET%20/orders&window=1m&from=2024-09-03T09:00:00Z&to=2024-09-03T12:00:00Z",
                "/users/u-1/flyer-time",
                "/merchants/m-1/report?from=2024-09-03",
                "/analytics/jobs/4242",
                "/analytics/apps/" + SPARK_APP + "/jobs/0",
                "/apps/shop/logs",
                "/api/v1/logs/?app=legacy")) {
            try {
                Instances.await(Duration.ofSeconds(90), () -> answersSomething(answer), answer + " answers the data ingested");
            } catch (AssertionError timedOut) {
                Http.Reply last = Http.get(instance, answer);
                throw new AssertionError(timedOut.getMessage() + "; it answers " + last.status() + " " + last.body(), timedOut);
            }
        }
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    private static boolean answersSomething(String pathAndQuery) {
        Http.Reply reply = Http.get(instance, pathAndQuery);
        if (reply.status() != 200) {
            return false;
        }
        JsonNode json = reply.json();
        JsonNode rows = json.isArray() ? json : json.path("items").isArray() ? json.get("items") : json.path("lines");
        return !rows.isArray() || !rows.isEmpty();
    }

    private static List<Call> ingestCalls() {
        return List.of(
                Call.post("POST /ingest/{topic}", "/ingest/api-requests", 202, "application/json", """
                        [{"timestamp":"2024-09-03T10:00:05Z","customer_id":"cust_s","method":"GET","request_path":"/orders","status_code":200,"duration_ms":10,"request_id":"s1"},
                         {"timestamp":"2024-09-03T10:00:30Z","customer_id":"cust_s","method":"GET","request_path":"/orders","status_code":500,"duration_ms":900,"request_id":"s2"},
                         {"timestamp":"2024-09-03T10:01:00Z","customer_id":"cust_s","method":"GET","request_path":"/orders","status_code":200,"duration_ms":-1},
                         {"timestamp":"2024-09-04T10:00:00Z","customer_id":"cust_s","method":"GET","request_path":"/orders","status_code":200,"duration_ms":12,"request_id":"s3"}]"""),
                // endpoint minutes close once every input partition has passed them (plus the hour of grace): a day later, on
                // each partition; not two, which is as long as minutes are kept
                Call.post("POST /ingest/{topic}", "/ingest/api-requests", 202, "application/x-ndjson", IntStream.range(0, 64)
                        .mapToObj(i -> "{\"timestamp\":\"2024-09-04T10:00:00Z\",\"customer_id\":\"closer-" + i
                                + "\",\"request_path\":\"/later\",\"status_code\":200,\"duration_ms\":1,\"request_id\":\"c" + i + "\"}")
                        .collect(Collectors.joining("\n"))),
                Call.post("POST /ingest/{topic}", "/ingest/app-logs", 202, "application/x-ndjson", """
                        {"timestamp":"%s","app":"shop","service":"api","level":"info","message":"order placed","trace_id":"t1"}
                        {"timestamp":"%s","app":"shop","service":"api","level":"error","message":"card declined","trace_id":"t2"}"""
                        .formatted(NOW.minusSeconds(2), NOW.minusSeconds(1))),
                Call.post("POST /ingest/{topic}", "/ingest/user-events", 202, "application/x-ndjson", """
                        {"timestamp":"2024-09-03T08:00:00Z","user_id":"u-1","event":"flyer_open","flyer_id":"f-1","merchant_id":"m-1"}
                        {"timestamp":"2024-09-03T08:12:00Z","user_id":"u-1","event":"flyer_close","flyer_id":"f-1","merchant_id":"m-1"}
                        {"timestamp":"2024-09-04T08:00:00Z","user_id":"clock","event":"app_open"}"""),
                Call.post("POST /ingest/{topic}", "/ingest/spark-events", 202, "application/x-ndjson", String.join("\n",
                        "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"it\",\"App ID\":\"" + SPARK_APP
                                + "\",\"Timestamp\":" + SPARK_START + ",\"User\":\"root\"}",
                        "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":0,\"Submission Time\":" + (SPARK_START + 5) + ",\"Stage IDs\":[0]}",
                        "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":0,\"Task Info\":{\"Task ID\":1,\"Attempt\":0,\"Launch Time\":"
                                + (SPARK_START + 10) + ",\"Finish Time\":" + (SPARK_START + 60) + ",\"Failed\":false,\"Killed\":false}}",
                        "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,\"Completion Time\":" + (SPARK_START + 100)
                                + ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}")),
                Call.post("POST /api/v1/ingest/", "/api/v1/ingest/", 202, "application/json", """
                        [{"app":"legacy","service":"api","level":"error","message":"card declined","trace_id":"abc123"},
                         {"app":"legacy","level":"WARNING","message":"slow answer"}]"""),
                Call.post("POST /logs/ingest", "/logs/ingest", 202, "application/json",
                        "{\"job_id\":4242,\"event\":\"SparkListenerJobStart\",\"timestamp\":\"2025-05-22T15:00:00Z\",\"user\":\"alice\"}"));
    }

    /** Requests after the data is in: an answer and, where one is cheap to provoke, an error for every route. */
    private static List<Call> queryCalls() {
        String internalWindow = "from=" + 1_725_354_000_000L + "&to=" + 1_725_364_800_000L;
        return List.of(
                Call.get("GET /openapi.json", "/openapi.json", 200),
                Call.get("GET /health", "/health", 200),
                Call.get("GET /ready", "/ready", 200),
                Call.post("POST /ingest/{topic}", "/ingest/no-such-topic", 404, "application/json", "{}"),
                Call.post("POST /ingest/{topic}", "/ingest/api-requests", 400, "application/json", "{oops"),
                Call.post("POST /ingest/{topic}", "/ingest/api-requests", 400, "application/json", "[{\"customer_id\":\"x\"}]"),
                Call.post("POST /ingest/{topic}", "/ingest/api-requests", 415, "text/csv", "a,b"),
                Call.post("POST /ingest/{topic}", "/ingest/api-requests", 413, "application/json", "[" + " ".repeat(1_100_000) + "]"),
                Call.post("POST /api/v1/ingest/", "/api/v1/ingest/", 400, "application/json", "[{\"app\":\"legacy\"}]"),
                Call.post("POST /logs/ingest", "/logs/ingest", 400, "application/json", "{oops"),
                Call.get("GET /customers/{customer_id}/stats", "/customers/cust_s/stats?from=2024-09-03&to=2024-09-04", 200),
                Call.get("GET /customers/{customer_id}/stats", "/customers/cust_s/stats", 400),
                Call.get("GET /customers/{customer_id}/stats", "/customers/cust_s/stats?from=yesterday", 400),
                Call.get("GET /customers/{customer_id}/stats", "/customers/nobody/stats?from=2024-09-03", 404),
                Call.get("GET /endpoints/metrics", "/endpoints/metrics?endpoint=GET%20/orders&window=1m&from=2024-09-03T09:00:00Z&to=2024-09-03T12:00:00Z", 200),
                Call.get("GET /endpoints/metrics", "/endpoints/metrics?endpoint=GET%20/orders&window=1h&from=2024-09-03&to=2024-09-06&limit=1", 200),
                Call.get("GET /endpoints/metrics", "/endpoints/metrics", 400),
                Call.get("GET /endpoints/top", "/endpoints/top?by=p99&window=1m&at=2024-09-03T10:00:00Z&n=5", 200),
                Call.get("GET /endpoints/top", "/endpoints/top?by=error_rate", 200),
                Call.get("GET /endpoints/top", "/endpoints/top?by=loudness", 400),
                Call.get("GET /anomalies", "/anomalies?from=2024-09-03T00:00:00Z&to=2024-09-06T00:00:00Z", 200),
                Call.get("GET /anomalies", "/anomalies?from=soon", 400),
                Call.get("GET /quality", "/quality", 200),
                Call.get("GET /topics", "/topics", 200),
                Call.get("GET /users/{user_id}/flyer-time", "/users/u-1/flyer-time", 200),
                Call.get("GET /users/{user_id}/flyer-time", "/users/nobody/flyer-time", 404),
                Call.get("GET /flyer-time", "/flyer-time?limit=1", 200),
                Call.get("GET /flyer-time", "/flyer-time?limit=0", 400),
                Call.get("GET /merchants/{merchant_id}/report", "/merchants/m-1/report?from=2024-09-03&to=2024-09-04", 200),
                Call.get("GET /merchants/{merchant_id}/report", "/merchants/m-1/report", 400),
                Call.get("GET /merchants/{merchant_id}/report", "/merchants/nobody/report?from=2024-09-03", 404),
                Call.get("GET /analytics/jobs/{job_id}", "/analytics/jobs/4242", 200),
                Call.get("GET /analytics/jobs/{job_id}", "/analytics/jobs/999999", 404),
                Call.get("GET /analytics/apps/{app_id}/jobs/{job_id}", "/analytics/apps/" + SPARK_APP + "/jobs/0", 200),
                Call.get("GET /analytics/apps/{app_id}/jobs/{job_id}", "/analytics/apps/" + SPARK_APP + "/jobs/77", 404),
                Call.get("GET /analytics/summary", "/analytics/summary?date=2025-05-22", 200),
                Call.get("GET /analytics/summary", "/analytics/summary", 400),
                Call.get("GET /apps", "/apps", 200),
                Call.get("GET /apps", "/apps?limit=0", 400),
                Call.get("GET /apps/{app}/logs", "/apps/shop/logs?level=ERROR&service=api&q=card&limit=1", 200),
                Call.get("GET /apps/{app}/logs", "/apps/shop/logs?level=LOUD", 400),
                Call.get("GET /apps/{app}/logs", "/apps/nobody/logs", 404),
                Call.get("GET /apps/{app}/stats", "/apps/shop/stats?window=1m&" + LOG_RANGE, 200),
                Call.get("GET /apps/{app}/stats", "/apps/shop/stats?window=7m", 400),
                Call.get("GET /apps/{app}/stats", "/apps/nobody/stats", 404),
                Call.get("GET /api/v1/logs/", "/api/v1/logs/?app=legacy&level=WARN", 200),
                Call.get("GET /api/v1/logs/", "/api/v1/logs/", 400),
                Call.get("GET /api/v1/logs/", "/api/v1/logs/?app=nobody", 404),
                Call.get("GET /api/v1/stats/", "/api/v1/stats/", 200),
                Call.get("GET /internal/endpoint-partials", "/internal/endpoint-partials?window=1m&endpoint=GET%20/orders&" + internalWindow, 200),
                Call.get("GET /internal/endpoint-partials", "/internal/endpoint-partials", 400),
                Call.get("GET /internal/anomalies", "/internal/anomalies?" + internalWindow, 200),
                Call.get("GET /internal/anomalies", "/internal/anomalies?from=x&to=y", 400),
                Call.get("GET /internal/quality-counts", "/internal/quality-counts", 200),
                Call.get("GET /internal/flyer-time", "/internal/flyer-time?limit=1", 200),
                Call.get("GET /internal/flyer-time", "/internal/flyer-time?limit=0", 400),
                Call.get("GET /internal/app-logs/search", "/internal/app-logs/search?app=shop&level=INFO", 200),
                Call.get("GET /internal/app-logs/search", "/internal/app-logs/search", 400),
                Call.get("GET /internal/app-logs/stats", "/internal/app-logs/stats?app=shop&window=1h&" + LOG_RANGE, 200),
                Call.get("GET /internal/app-logs/stats", "/internal/app-logs/stats", 400),
                Call.get("GET /internal/app-logs/apps", "/internal/app-logs/apps", 200),
                Call.get("GET /internal/app-logs/apps", "/internal/app-logs/apps?app=shop", 200));
    }

    @Test
    void everyDocumentedRoutesRealRepliesMatchItsDocumentedSchemas() {
        List<Call> calls = new ArrayList<>(INGEST_REPLIES.keySet());
        calls.addAll(queryCalls());
        Map<String, JsonNode> operations = documentedOperations();
        List<String> mismatches = new ArrayList<>();
        operations.keySet().forEach(route -> {
            if (!NOT_JSON.containsKey(route) && calls.stream().noneMatch(call -> call.route().equals(route))) {
                mismatches.add(route + ": documented, but this test makes no call to it");
            }
        });
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        for (Call call : calls) {
            String where = call.route() + " (" + (call.body() == null ? "GET " : "POST ") + abbreviated(call.pathAndQuery()) + ")";
            JsonNode operation = operations.get(call.route());
            if (operation == null) {
                mismatches.add(where + ": the test calls a route the document does not have");
                continue;
            }
            Http.Reply reply = INGEST_REPLIES.containsKey(call) ? INGEST_REPLIES.get(call) : call.send();
            if (reply.status() != call.expectedStatus()) {
                mismatches.add(where + ": expected status " + call.expectedStatus() + " but got " + reply.status() + " " + abbreviated(reply.body()));
            }
            JsonNode response = resolve(operation.path("responses").path(String.valueOf(reply.status())));
            if (response.isMissingNode()) {
                mismatches.add(where + ": status " + reply.status() + " is not documented for this route; body " + abbreviated(reply.body()));
                continue;
            }
            JsonNode schema = response.path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                mismatches.add(where + ": status " + reply.status() + " is documented without an application/json schema");
                continue;
            }
            JsonNode body;
            try {
                body = Http.parse(reply.body());
            } catch (UncheckedIOException notJson) {
                mismatches.add(where + ": status " + reply.status() + " answered with a body that is not JSON: " + abbreviated(reply.body()));
                continue;
            }
            Schema validator = registry.getSchema(standalone(schema));
            List<Error> errors = validator.validate(body);
            if (!errors.isEmpty()) {
                mismatches.add(where + ": status " + reply.status() + " " + errors.stream().map(Error::toString).toList()
                        + "; body " + abbreviated(reply.body()));
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " replies disagree with openapi.json:\n" + String.join("\n", mismatches));
        assertTrue(calls.size() > operations.size(), "the walk made its calls: " + calls.size());
    }

    /** "METHOD /path" → operation, for every operation of the document. */
    private static Map<String, JsonNode> documentedOperations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (METHODS.contains(operation.getKey())) {
                operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }));
        return operations;
    }

    /** A response object, following its {@code $ref} to components/responses if it has one. */
    private static JsonNode resolve(JsonNode response) {
        JsonNode ref = response.get("$ref");
        return ref == null ? response : document.at(ref.asText().substring(1));
    }

    /**
     * A response schema as a schema on its own: the document's component schemas become its {@code $defs}, so the
     * references into {@code #/components/schemas/} are rewritten to point there.
     */
    private static JsonNode standalone(JsonNode schema) {
        ObjectNode root = EventJson.MAPPER.createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.putArray("allOf").add(rewritten(schema));
        root.set("$defs", rewritten(document.at("/components/schemas")));
        return root;
    }

    private static JsonNode rewritten(JsonNode node) {
        JsonNode copy = node.deepCopy();
        rewriteReferences(copy);
        return copy;
    }

    private static void rewriteReferences(JsonNode node) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.asText().startsWith(COMPONENT_SCHEMAS)) {
                object.put("$ref", "#/$defs/" + ref.asText().substring(COMPONENT_SCHEMAS.length()));
            }
        }
        node.elements().forEachRemaining(ApiReplySchemaIntegrationTest::rewriteReferences);
    }

    private static String abbreviated(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
