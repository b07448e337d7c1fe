package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.http.KeyQueryHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * the instances; those that must come in order, each with event times later than the one before (an
 * earlier day after a later one would rightly be late), are steps of one test.
 */
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

    /** In event-time order: the customers' day, top endpoints two days later, an anomaly the day after, then what it set aside. */
    @Test
    void customersThenEndpointsThenAnAnomalyThenQualityAnswerAlikeFromEitherInstance() throws Exception {
        everyCustomerAnswersTheSameFromEitherInstance();
        topEndpointsAreTheSameFromEitherInstanceAndMatchTheData();
        anAnomalyIsFoundOnceTheMinutesCloseAndEitherInstanceListsIt();
        qualityCountsEverySetAsideEventOnceAcrossInstancesAndARestart();
    }

    private static void everyCustomerAnswersTheSameFromEitherInstance() {
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
            servedBy.add(answer.raw().headers().firstValue(KeyQueryHandler.SERVED_BY_HEADER).orElse("?"));
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

    private static void topEndpointsAreTheSameFromEitherInstanceAndMatchTheData() {
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

    private static void anAnomalyIsFoundOnceTheMinutesCloseAndEitherInstanceListsIt() {
        StringJoiner ndjson = new StringJoiner("\n");
        for (int minute = 0; minute < 15; minute++) {
            double slowdown = minute == 12 ? 5 : 1;
            for (int i = 0; i < 30; i++) {
                // the same durations every minute but the slow one: a steady baseline, no noise to flag
                ndjson.add("{\"timestamp\":\"2024-09-06T10:" + String.format("%02d:%02d", minute, i) + "Z\",\"customer_id\":\"flaky_"
                        + (i % 10) + "\",\"request_path\":\"/flaky\",\"status_code\":200,\"duration_ms\":" + (10 + i % 10) * slowdown + "}");
            }
        }
        // stream time past 10:15 plus the 1 h grace: every minute above closes
        ndjson.add("{\"timestamp\":\"2024-09-06T11:30:00Z\",\"customer_id\":\"clock\",\"request_path\":\"/clock\","
                + "\"status_code\":200,\"duration_ms\":1}");
        assertEquals(202, Http.post(a, "/ingest/api-requests", "application/x-ndjson", ndjson.toString()).status());

        JsonNode items = awaitAlike("/anomalies?from=2024-09-06T10:00:00Z&to=2024-09-06T11:00:00Z",
                reply -> reply.json().get("items").size() == 1, "the slow minute is listed alike by both instances").json().get("items");
        JsonNode anomaly = items.get(0);
        assertEquals("GET /flaky", anomaly.get("endpoint").asText());
        assertEquals("2024-09-06T10:12:00Z", anomaly.get("window_start").asText());
        assertEquals(30, anomaly.get("count").asInt());
        assertEquals("p95", anomaly.at("/breaches/0/metric").asText());

        Http.Reply other = Http.get(b, "/anomalies?from=2024-09-06T10:00:00Z&to=2024-09-06T11:00:00Z&endpoint=GET%20/other");
        assertEquals(0, other.json().get("items").size(), other.body());
        assertBadParameter("/anomalies?from=2024-09-06T12:00:00Z&to=2024-09-06T11:00:00Z", "'from'");
        assertBadParameter("/anomalies?to=soon", "'to'");
        assertBadParameter("/anomalies?after=not-a-cursor", "'after'");
    }

    private static void qualityCountsEverySetAsideEventOnceAcrossInstancesAndARestart() throws Exception {
        JsonNode before = Http.get(a, "/quality").json().get("topics").get("two-api-requests");
        String valid = "{\"timestamp\":\"2024-09-06T11:31:00Z\",\"customer_id\":\"q_1\",\"request_path\":\"/q\",\"status_code\":200,"
                + "\"duration_ms\":5,\"request_id\":\"dup-1\"}";
        String body = String.join("\n", valid, valid, valid,
                "{\"timestamp\":\"2024-09-06T11:31:00Z\",\"customer_id\":\"q_2\",\"request_path\":\"/q\",\"duration_ms\":5}",
                "{\"timestamp\":\"2024-09-06T11:31:00Z\",\"customer_id\":\"q_3\",\"request_path\":\"/q\",\"duration_ms\":5}",
                "{not json",
                // its day closed at 2024-09-05T06:00 in every partition that has seen 2024-09-06 events
                "{\"timestamp\":\"2024-09-04T12:00:00Z\",\"customer_id\":\"flaky_0\",\"request_path\":\"/q\",\"status_code\":200,\"duration_ms\":5}");
        Http.Reply ingest = Http.post(b, "/ingest/api-requests", "application/x-ndjson", body);
        assertEquals(202, ingest.status(), ingest.body());
        assertEquals(3, ingest.json().get("rejected").size());
        try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("two-api-requests", "k", "garbage")).get();
            producer.send(new ProducerRecord<>("two-api-requests", "k", "[1,2]")).get();
        }

        Map<String, Integer> expectedIncrease = Map.of("rejected/missing_field:status_code", 2, "rejected/malformed_json", 1,
                "dead_lettered/malformed_json", 1, "dead_lettered/not_an_object", 1, "duplicate/duplicate_id", 2, "late/late", 1);
        awaitAlike("/quality", reply -> increase(before, reply.json().get("topics").get("two-api-requests")).equals(expectedIncrease),
                "both instances count what was set aside, once");

        b.close();
        b = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-two-instances", "two-", stateB));
        awaitAlike("/quality", reply -> increase(before, reply.json().get("topics").get("two-api-requests")).equals(expectedIncrease),
                "the counts are the same after instance b restarted");
    }

    /** Per "kind/reason", how much each count grew from {@code before} to {@code after}; unchanged ones left out. */
    private static Map<String, Integer> increase(JsonNode before, JsonNode after) {
        Map<String, Integer> increase = new java.util.TreeMap<>();
        after.fields().forEachRemaining(kind -> kind.getValue().get("by_reason").fields().forEachRemaining(reason -> {
            int grew = reason.getValue().asInt() - before.path(kind.getKey()).path("by_reason").path(reason.getKey()).asInt(0);
            if (grew != 0) {
                increase.put(kind.getKey() + "/" + reason.getKey(), grew);
            }
        }));
        return increase;
    }

    /** Polls both instances until they answer 200 with the same body that {@code complete} accepts; returns a's reply. */
    private static Http.Reply awaitAlike(String pathAndQuery, java.util.function.Predicate<Http.Reply> complete, String what) {
        return Instances.awaitAlike(a, b, pathAndQuery, complete, what);
    }

    private static void assertBadParameter(String pathAndQuery, String parameter) {
        Http.Reply reply = Http.get(a, pathAndQuery);
        assertEquals(400, reply.status(), pathAndQuery + " -> " + reply.body());
        assertTrue(reply.json().at("/error/message").asText().contains(parameter), reply.body());
    }
}
