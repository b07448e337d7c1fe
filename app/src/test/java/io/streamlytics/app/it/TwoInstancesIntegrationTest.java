package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.query.KeyQueryRouter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances in one group: whichever is asked, answers are the same and complete. The tests share
 * the instances and run in order, each with event times later than the one before (an earlier day
 * after a later one would rightly be late).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstancesIntegrationTest {
    private static final int CUSTOMERS = 24;
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;

    @BeforeAll
    static void start() {
        String bootstrap = SharedBroker.bootstrapServers();
        a = Instances.startRunning(Instances.config(bootstrap, "it-two-instances", "two-", stateA));
        b = Instances.startRunning(Instances.config(bootstrap, "it-two-instances", "two-", stateB));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    @Order(1)
    void everyCustomerAnswersTheSameFromEitherInstance() {
        Random random = new Random(7);
        Map<String, Integer> expectedFailed = new HashMap<>();
        StringJoiner ndjson = new StringJoiner("\n");
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "cust_" + c;
            for (int i = 0; i < 20; i++) {
                int status = random.nextInt(10) == 0 ? 500 : 200;
                expectedFailed.merge(customer, status == 500 ? 1 : 0, Integer::sum);
                ndjson.add("{\"timestamp\":\"2024-09-03T" + String.format("%02d:%02d", i, c) + ":00Z\",\"customer_id\":\""
                        + customer + "\",\"request_path\":\"/x\",\"status_code\":" + status + ",\"duration_ms\":" + (i + 1) + "}");
            }
        }
        Http.Reply ingest = Http.post(a, "/ingest/api-requests", "application/x-ndjson", ndjson.toString());
        assertEquals(202, ingest.status(), ingest.body());
        assertEquals(CUSTOMERS * 20, ingest.json().get("accepted").asInt());

        Set<String> servedBy = new HashSet<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "cust_" + c;
            String path = "/customers/" + customer + "/stats?from=2024-09-03";
            Http.Reply answer = awaitAlike(path, reply -> reply.json().get(0).get("success_requests").asInt()
                    + reply.json().get(0).get("failed_requests").asInt() == 20, customer + " answers alike and complete on both instances");
            servedBy.add(answer.raw().headers().firstValue(KeyQueryRouter.SERVED_BY_HEADER).orElse("?"));
            JsonNode day = answer.json().get(0);
            assertEquals(expectedFailed.get(customer).intValue(), day.get("failed_requests").asInt(), customer);
            assertEquals(10.5, day.get("duration_mean").asDouble(), 1e-9, customer);
        }
        // instance a answered some customers from its own state and forwarded others to b
        assertEquals(Set.of(address(a), address(b)), servedBy);
    }

    private static String address(StreamlyticsInstance instance) {
        return instance.address().host() + ":" + instance.address().port();
    }

    @Test
    @Order(2)
    void topEndpointsAreTheSameFromEitherInstanceAndMatchTheData() {
        Random random = new Random(11);
        String[] endpoints = {"/hot", "/a", "/b", "/c", "/d"};
        Map<String, List<Double>> durations = new HashMap<>();
        Map<String, Integer> failed = new HashMap<>();
        StringJoiner ndjson = new StringJoiner("\n");
        for (int i = 0; i < 2000; i++) {
            // the hot endpoint carries 80% of the traffic, from many customers
            String path = random.nextInt(10) < 8 ? "/hot" : endpoints[1 + random.nextInt(4)];
            int status = random.nextInt(20) == 0 ? 503 : 200;
            double duration = Math.round(Math.exp(3 + random.nextGaussian()) * 100) / 100.0;
            durations.computeIfAbsent("GET " + path, k -> new ArrayList<>()).add(duration);
            failed.merge("GET " + path, status == 503 ? 1 : 0, Integer::sum);
            ndjson.add("{\"timestamp\":\"2024-09-05T10:" + String.format("%02d:%02d", random.nextInt(60), random.nextInt(60))
                    + "Z\",\"customer_id\":\"top_" + random.nextInt(40) + "\",\"request_path\":\"" + path
                    + "\",\"status_code\":" + status + ",\"duration_ms\":" + duration + "}");
        }
        assertEquals(202, Http.post(a, "/ingest/api-requests", "application/x-ndjson", ndjson.toString()).status());

        String top = "/endpoints/top?by=count&window=1h&at=2024-09-05T10:30:00Z&n=3";
        JsonNode items = awaitAlike(top, reply -> reply.json().get("items").size() == 3
                && reply.json().get("items").get(0).get("count").asInt() == durations.get("GET /hot").size(),
                "top endpoints agree and are complete").json().get("items");
        List<String> expectedOrder = durations.entrySet().stream()
                .sorted((x, y) -> y.getValue().size() != x.getValue().size() ? Integer.compare(y.getValue().size(), x.getValue().size())
                        : x.getKey().compareTo(y.getKey()))
                .limit(3).map(Map.Entry::getKey).toList();
        for (int i = 0; i < 3; i++) {
            JsonNode row = items.get(i);
            String endpoint = row.get("endpoint").asText();
            assertEquals(expectedOrder.get(i), endpoint);
            double[] sorted = durations.get(endpoint).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(sorted.length, row.get("count").asInt(), endpoint);
            assertEquals((double) failed.get(endpoint) / sorted.length, row.get("error_rate").asDouble(), 1e-12, endpoint);
            double p99 = sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
            assertEquals(p99, row.get("p99").asDouble(), p99 * 0.01, endpoint + " p99 from merged sketches");
        }

        // the hot endpoint is not on one partition: both instances hold part of its hour
        for (StreamlyticsInstance instance : List.of(a, b)) {
            Http.Reply part = Http.get(instance, "/internal/endpoint-partials?window=1h&from=1725530400000&to=1725530400000&endpoint=GET%20/hot");
            assertEquals(200, part.status(), part.body());
            assertTrue(part.json().get("partials").size() > 0, "instance " + address(instance) + " holds part of GET /hot");
        }

        Http.Reply metrics = Http.get(b, "/endpoints/metrics?endpoint=GET%20/hot&window=1h&from=2024-09-05T00:00:00Z&to=2024-09-05T23:00:00Z");
        assertEquals(200, metrics.status(), metrics.body());
        assertEquals(1, metrics.json().get("items").size());
        assertEquals(durations.get("GET /hot").size(), metrics.json().get("items").get(0).get("count").asInt());
    }

    @Test
    @Order(3)
    void badEndpointQueryParametersAnswer400NamingTheParameter() {
        assertBadParameter("/endpoints/top?by=latency", "'by'");
        assertBadParameter("/endpoints/top?window=5m", "'window'");
        assertBadParameter("/endpoints/top?n=0", "'n'");
        assertBadParameter("/endpoints/top?n=101", "'n'");
        assertBadParameter("/endpoints/top?at=yesterday", "'at'");
        assertBadParameter("/endpoints/metrics?endpoint=GET%20/x&from=2024-09-05T10:00:00Z&to=2024-09-05T09:00:00Z", "'from'");
        assertBadParameter("/endpoints/metrics?endpoint=GET%20/x&from=2024-01-01&to=2024-09-05", "'to'");
        assertBadParameter("/endpoints/metrics?window=1m", "'endpoint'");
    }

    private static Http.Reply awaitAlike(String pathAndQuery, java.util.function.Predicate<Http.Reply> complete, String what) {
        return Instances.awaitAlike(a, b, pathAndQuery, complete, what);
    }

    private static void assertBadParameter(String pathAndQuery, String parameter) {
        Http.Reply reply = Http.get(a, pathAndQuery);
        assertEquals(400, reply.status(), pathAndQuery + " -> " + reply.body());
        assertTrue(reply.json().at("/error/message").asText().contains(parameter), reply.body());
    }
}
