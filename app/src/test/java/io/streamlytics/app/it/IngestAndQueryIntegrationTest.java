package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One real instance on the real embedded broker: ingest over HTTP, query over HTTP. The tests share the instance;
 * those whose event times must come in order are steps of one test, in that order.
 */
class IngestAndQueryIntegrationTest {
    private static final String PREFIX = "ingest-query-";
    @TempDir
    static Path stateDir;
    private static StreamlyticsInstance instance;

    @BeforeAll
    static void start() {
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-ingest-query", PREFIX, stateDir));
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    /** In event-time order: a later day first would make the earlier one late, and the metrics count what the first step rejected. */
    @Test
    void countsDaysThenClosesALaterDayThenShowsTheMetricsOfBoth() {
        ingestedRequestsAreCountedPerCustomerAndDay();
        closedDaysReachTheOutputTopic();
        metricsArePrometheusTextWithStreamsLagHttpAndQualitySeries();
    }

    private static void ingestedRequestsAreCountedPerCustomerAndDay() {
        // day 1: minutes 10:00 (200, 404), 10:01 (500 only), 10:02 (201, 302 duplicated, 429) → uptime 2 of 3 minutes
        String body = """
                [{"timestamp":"2024-09-03T10:00:05Z","customer_id":"cust_a","request_path":"/orders","status_code":200,"duration_ms":10,"request_id":"a1"},
                 {"timestamp":"2024-09-03T10:00:30Z","customer_id":"cust_a","method":"POST","endpoint":"/orders","response_code":404,"response_time_ms":20,"request_id":"a2"},
                 {"timestamp":"2024-09-03T10:01:00Z","customer_id":"cust_a","request_path":"/pay","status_code":500,"duration_ms":30,"request_id":"a3"},
                 {"timestamp":"2024-09-03T10:02:00.5+00:00","customer_id":"cust_a","request_path":"/orders","status_code":201,"duration_ms":40,"request_id":"a4"},
                 {"timestamp":1725357730000,"customer_id":"cust_a","request_path":"/orders","status_code":302,"duration_ms":50,"request_id":"a5"},
                 {"timestamp":1725357730000,"customer_id":"cust_a","request_path":"/orders","status_code":302,"duration_ms":50,"request_id":"a5"},
                 {"timestamp":"2024-09-03T10:02:59Z","customer_id":"cust_a","request_path":"/orders","status_code":429,"duration_ms":60,"request_id":"a6"},
                 {"timestamp":"2024-09-03T10:03:00Z","customer_id":"cust_a","request_path":"/orders","status_code":200,"duration_ms":-1},
                 {"timestamp":"2024-09-04T08:00:00Z","customer_id":"cust_a","request_path":"/orders","status_code":200,"duration_ms":7}]
                """;
        Http.Reply ingest = Http.post(instance, "/ingest/api-requests", "application/json", body);
        assertEquals(202, ingest.status(), ingest.body());
        assertEquals(8, ingest.json().get("accepted").asInt());
        assertEquals(7, ingest.json().get("rejected").get(0).get("index").asInt());
        assertTrue(ingest.json().get("rejected").get(0).get("error").asText().contains("duration_ms"), ingest.body());

        JsonNode days = awaitStats("cust_a", "2024-09-03", "2024-09-04", rows -> rows.size() == 2
                && rows.get(0).get("success_requests").asLong() == 3 && rows.get(1).get("success_requests").asLong() == 1);
        JsonNode day1 = days.get(0);
        assertEquals("cust_a", day1.get("customer_id").asText());
        assertEquals("2024-09-03", day1.get("date").asText());
        assertEquals("2024-09-03T00:00:00Z", day1.get("window_start").asText());
        assertEquals("2024-09-04T00:00:00Z", day1.get("window_end").asText());
        assertEquals(1, day1.get("failed_requests").asLong());
        assertEquals(2, day1.get("client_errors").asLong());
        assertEquals(35.0, day1.get("duration_mean").asDouble(), 1e-9);
        assertEquals(30.0, day1.get("duration_p50").asDouble(), 0.3);
        assertEquals(60.0, day1.get("duration_p99").asDouble(), 0.6);
        assertEquals(66.67, day1.get("uptime_percentage").asDouble(), 1e-9);
        assertEquals(7.0, days.get(1).get("duration_mean").asDouble(), 1e-9);
    }

    private static void closedDaysReachTheOutputTopic() {
        String ndjson = """
                {"timestamp":"2024-10-01T12:00:00Z","customer_id":"cust_final","request_path":"/a","status_code":200,"duration_ms":5}
                this line is not JSON
                {"timestamp":"2024-10-01T13:00:00Z","customer_id":"cust_final","request_path":"/a","status_code":503,"duration_ms":15}
                """;
        Http.Reply first = Http.post(instance, "/ingest/api-requests", "application/x-ndjson", ndjson);
        assertEquals(202, first.status(), first.body());
        assertEquals(2, first.json().get("accepted").asInt());
        assertEquals(1, first.json().get("rejected").get(0).get("index").asInt());
        // an event past the day's end plus the 6 h grace closes 2024-10-01 in its partition
        String closing = "{\"timestamp\":\"2024-10-02T07:00:00Z\",\"customer_id\":\"cust_final\",\"request_path\":\"/a\",\"status_code\":200,\"duration_ms\":1}";
        assertEquals(202, Http.post(instance, "/ingest/api-requests", "application/json", closing).status());

        JsonNode row = awaitFinalRow("cust_final", "2024-10-01");
        assertEquals(1, row.get("success_requests").asLong());
        assertEquals(1, row.get("failed_requests").asLong());
        assertEquals(10.0, row.get("duration_mean").asDouble(), 1e-9);
        assertEquals(50.0, row.get("uptime_percentage").asDouble(), 1e-9);
    }

    @Test
    void badRequestsGetClearErrors() {
        Http.Reply noneValid = Http.post(instance, "/ingest/api-requests", "application/json", "[{\"customer_id\":\"x\"}]");
        assertEquals(400, noneValid.status());
        assertEquals("no_valid_events", noneValid.json().at("/error/code").asText());
        assertTrue(noneValid.json().at("/error/message").asText().contains("timestamp"), noneValid.body());

        Http.Reply notJson = Http.post(instance, "/ingest/api-requests", "application/json", "{oops");
        assertEquals(400, notJson.status());
        assertEquals("invalid_json", notJson.json().at("/error/code").asText());

        Http.Reply unknownTopic = Http.post(instance, "/ingest/no-such-topic", "application/json", "{}");
        assertEquals(404, unknownTopic.status());
        assertEquals("unknown_topic", unknownTopic.json().at("/error/code").asText());

        Http.Reply tooLarge = Http.post(instance, "/ingest/api-requests", "application/json", "[" + " ".repeat(1_100_000) + "]");
        assertEquals(413, tooLarge.status());
        assertEquals("payload_too_large", tooLarge.json().at("/error/code").asText());

        Http.Reply badDate = Http.get(instance, "/customers/cust_a/stats?from=2024-13-01");
        assertEquals(400, badDate.status());
        assertTrue(badDate.json().at("/error/message").asText().contains("'from'"), badDate.body());

        Http.Reply missingFrom = Http.get(instance, "/customers/cust_a/stats");
        assertEquals(400, missingFrom.status());

        Http.Reply unknownCustomer = Http.get(instance, "/customers/nobody-at-all/stats?from=2024-09-03");
        assertEquals(404, unknownCustomer.status());
        assertEquals("unknown_customer", unknownCustomer.json().at("/error/code").asText());

        Http.Reply noRoute = Http.get(instance, "/no/such/route");
        assertEquals(404, noRoute.status());
        assertEquals("not_found", noRoute.json().at("/error/code").asText());
    }

    @Test
    void healthAndReadiness() {
        assertEquals(200, Http.get(instance, "/health").status());
        Http.Reply ready = Http.get(instance, "/ready");
        assertEquals(200, ready.status(), ready.body());
        assertEquals("RUNNING", ready.json().get("state").asText());
    }

    private static void metricsArePrometheusTextWithStreamsLagHttpAndQualitySeries() {
        List<String> series = List.of("http_server_requests_seconds_count{method=\"GET\",route=\"/customers/{customer_id}/stats\",status=\"200\"}",
                "kafka_consumer_fetch_manager_records_lag{client_id=", "kafka_stream_thread_process_rate{", "kafka_stream_thread_commit_latency_avg{",
                "streamlytics_quality_events{kind=\"rejected\",reason=\"invalid_field:duration_ms\",topic=\"" + PREFIX + "api-requests\"} 1.0",
                "jvm_memory_used_bytes{");
        String[] text = new String[1];
        Instances.await(Duration.ofSeconds(60), () -> {
            Http.Reply metrics = Http.get(instance, "/metrics");
            assertEquals(200, metrics.status());
            assertTrue(metrics.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            text[0] = metrics.body();
            return series.stream().allMatch(text[0]::contains);
        }, "/metrics has " + series);
    }

    /** The broker deletes by record time against its own clock: every topic it deletes from by time must use append time. */
    @Test
    void everyTopicDeletedByTimeStampsRecordsWithAppendTime() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
            List<ConfigResource> ours = admin.listTopics().names().get().stream()
                    .filter(topic -> topic.startsWith(PREFIX) || topic.startsWith("it-ingest-query-"))
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(ours).all().get();
            List<String> deletedByTime = new ArrayList<>();
            configs.forEach((topic, config) -> {
                boolean timeDeletes = config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value().contains(TopicConfig.CLEANUP_POLICY_DELETE)
                        && Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()) >= 0;
                if (timeDeletes) {
                    deletedByTime.add(topic.name());
                    assertEquals("LogAppendTime", config.get(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG).value(), topic.name());
                }
            });
            // the input and output topics, and the changelog of every window store
            assertTrue(deletedByTime.contains(PREFIX + "api-requests"), deletedByTime.toString());
            assertTrue(deletedByTime.contains("it-ingest-query-customer-daily-stats-store-changelog"), deletedByTime.toString());
        }
    }

    private static JsonNode awaitStats(String customer, String from, String to, java.util.function.Predicate<JsonNode> done) {
        JsonNode[] last = new JsonNode[1];
        Instances.await(Duration.ofSeconds(60), () -> {
            Http.Reply reply = Http.get(instance, "/customers/" + customer + "/stats?from=" + from + "&to=" + to);
            if (reply.status() != 200) {
                return false;
            }
            last[0] = reply.json();
            return done.test(last[0]);
        }, "stats of " + customer + " are complete");
        return last[0];
    }

    private static JsonNode awaitFinalRow(String customer, String date) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-final-rows");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<JsonNode> rows = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(new Topics(PREFIX).customerDailyStats()));
            Instances.await(Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> rows.add(Http.parse(record.value())));
                return rows.stream().anyMatch(row -> row.get("customer_id").asText().equals(customer)
                        && row.get("date").asText().equals(date));
            }, "the final row of " + customer + " on " + date + " is written");
        }
        JsonNode row = rows.stream().filter(r -> r.get("customer_id").asText().equals(customer)).findFirst().orElse(null);
        assertNotNull(row);
        return row;
    }
}
