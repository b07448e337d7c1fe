package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.Main;
import io.streamlytics.app.cli.CommandLineTest;
import io.streamlytics.app.cli.CommandLineTest.Run;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import io.streamlytics.app.broker.EmbeddedKafkaBroker.PlainUser;
import io.streamlytics.app.kafka.KafkaConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A secured cluster: a broker of its own whose second listener takes SASL_PLAINTEXT clients (PLAIN, one user), reached
 * with the client properties of {@code --kafka-config} by the instance's clients (streams, ingest producer, admin) and
 * by {@code replay} and {@code generate}; a wrong password, or none, is one clear line within seconds.
 */
class KafkaSecurityIntegrationTest {
    private static final PlainUser USER = new PlainUser("streamlytics", "right-secret");
    private static final String PREFIX = "sasl-";
    /** Well under the minutes a client would retry for, with room for a loaded machine. */
    private static final Duration REFUSED_WITHIN = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static EmbeddedKafkaBroker broker;
    private static Path rightConfig;
    private static Path wrongConfig;

    @BeforeAll
    static void start() throws IOException {
        broker = EmbeddedKafkaBroker.startWithSaslPlain(dir.resolve("kafka"), USER);
        rightConfig = clientConfig("right.properties", USER.password());
        wrongConfig = clientConfig("wrong.properties", "not-" + USER.password());
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Path clientConfig(String name, String password) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=PLAIN",
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + USER.name()
                        + "\" password=\"" + password + "\";",
                ""));
    }

    private static Run run(String... args) {
        // a serve that got in would run until shutdown: bounded so the test fails instead of hanging
        return assertTimeoutPreemptively(Duration.ofSeconds(90), () -> CommandLineTest.run(args), String.join(" ", args));
    }

    /** Requests of one customer on 2024-09-03, one a minute from {@code firstMinute}, with these status codes. */
    private static List<String> requests(String customer, int firstMinute, int... statuses) {
        return IntStream.range(0, statuses.length).mapToObj(i -> String.format(
                "{\"timestamp\":\"2024-09-03T10:%02d:00Z\",\"customer_id\":\"%s\",\"request_path\":\"/orders\",\"status_code\":%d,"
                        + "\"duration_ms\":%d,\"request_id\":\"%s-%d\"}", firstMinute + i, customer, statuses[i], 10 + i, customer, i))
                .toList();
    }

    /** success, failed (5xx), client errors (4xx), as the contract defines them, counted here from the status codes. */
    private static List<Long> expectedCounts(int... statuses) {
        return List.of(IntStream.of(statuses).filter(s -> s < 400).count(), IntStream.of(statuses).filter(s -> s >= 500).count(),
                IntStream.of(statuses).filter(s -> s >= 400 && s < 500).count());
    }

    private static void awaitCounts(StreamlyticsInstance instance, String customer, List<Long> expected) {
        List<Long> last = new ArrayList<>();
        Instances.await(Duration.ofSeconds(90), () -> {
            Http.Reply reply = Http.get(instance, "/customers/" + customer + "/stats?from=2024-09-03");
            last.clear();
            if (reply.status() == 200 && reply.json().size() == 1) {
                JsonNode day = reply.json().get(0);
                last.addAll(List.of(day.get("success_requests").asLong(), day.get("failed_requests").asLong(),
                        day.get("client_errors").asLong()));
            }
            return expected.equals(last);
        }, customer + "'s counts are " + expected + " (last " + last + ")");
    }

    @Test
    void withTheRightCredentialsEveryClientGetsThrough() throws IOException {
        KafkaConnection kafka = new KafkaConnection(broker.saslBootstrapServers(), KafkaConnection.read(rightConfig));
        try (StreamlyticsInstance instance = Instances.startRunning(Instances.config(kafka, "it-sasl", PREFIX, dir.resolve("state")))) {
            int[] ingested = {200, 503, 404, 201};
            Http.Reply ingest = Http.post(instance, "/ingest/api-requests", "application/x-ndjson",
                    String.join("\n", requests("cust_http", 0, ingested)));
            assertEquals(202, ingest.status(), ingest.body());
            awaitCounts(instance, "cust_http", expectedCounts(ingested));

            int[] replayed = {200, 200, 500, 429, 302};
            Path file = Files.write(dir.resolve("replayed.ndjson"), requests("cust_replay", 10, replayed));
            Run replay = run("replay", "api-requests", file.toString(), "--bootstrap-servers", broker.saslBootstrapServers(),
                    "--kafka-config", rightConfig.toString(), "--topic-prefix", PREFIX);
            assertEquals(Main.OK, replay.exitCode(), replay.err());
            awaitCounts(instance, "cust_replay", expectedCounts(replayed));

            int generated = 20;
            Run generate = run("generate", "app-logs", "--count", Integer.toString(generated), "--rate", "1000", "--duplicates", "0",
                    "--bad", "0", "--out-of-order", "0", "--bootstrap-servers", broker.saslBootstrapServers(),
                    "--kafka-config", rightConfig.toString(), "--topic-prefix", PREFIX);
            assertEquals(Main.OK, generate.exitCode(), generate.err());
            Http.Reply topics = Http.get(instance, "/topics");
            assertEquals(200, topics.status(), topics.body());
            long appLogRecords = 0;
            for (JsonNode row : topics.json().get("topics")) {
                if (row.get("topic").asText().equals(PREFIX + "app-logs")) {
                    appLogRecords = row.get("end_offset").asLong();
                }
            }
            assertEquals(generated, appLogRecords, topics.body());
        }
    }

    @Test
    void aWrongPasswordIsRefusedAtOnceWithTheBrokersReason() throws IOException {
        String refused = "Kafka at " + broker.saslBootstrapServers() + " refused the credentials: ";
        Path file = Files.write(dir.resolve("refused.ndjson"), requests("cust_refused", 0, 200));
        Run serve = run("serve", "--bootstrap-servers", broker.saslBootstrapServers(), "--kafka-config", wrongConfig.toString(),
                "--http-port", "0", "--state-dir", dir.resolve("state-wrong").toString(), "--application-id", "it-sasl-wrong");
        Run replay = run("replay", "api-requests", file.toString(), "--bootstrap-servers", broker.saslBootstrapServers(),
                "--kafka-config", wrongConfig.toString());
        Run generate = run("generate", "api-requests", "--count", "5", "--bootstrap-servers", broker.saslBootstrapServers(),
                "--kafka-config", wrongConfig.toString());
        Map<String, Run> runs = Map.of("serve", serve, "replay", replay, "generate", generate);
        runs.forEach((command, refusedRun) -> {
            assertEquals(Main.FAILED, refusedRun.exitCode(), refusedRun.err());
            assertEquals("streamlytics " + command + ": " + refused + "Authentication failed: Invalid username or password", oneLine(refusedRun));
            assertTrue(refusedRun.took().compareTo(REFUSED_WITHIN) < 0, command + " refused after " + refusedRun.took());
        });
    }

    @Test
    void noCredentialsForTheSaslListenerIsAClearFailureNotAHang() {
        Run generate = run("generate", "api-requests", "--count", "5", "--bootstrap-servers", broker.saslBootstrapServers());
        assertEquals(Main.FAILED, generate.exitCode(), generate.err());
        assertEquals("streamlytics generate: Kafka at " + broker.saslBootstrapServers() + " is not reachable (no answer within 10 s;"
                + " a secured listener needs its client properties in --kafka-config)", oneLine(generate));
        assertTrue(generate.took().compareTo(REFUSED_WITHIN) < 0, "gave up after " + generate.took());

        Run serve = run("serve", "--bootstrap-servers", broker.saslBootstrapServers(), "--http-port", "0",
                "--state-dir", dir.resolve("state-none").toString(), "--application-id", "it-sasl-none");
        assertEquals(Main.FAILED, serve.exitCode(), serve.err());
        assertTrue(oneLine(serve).endsWith("is not reachable (no answer within 15 s; a secured listener needs its client properties"
                + " in --kafka-config)"), serve.err());
        assertTrue(serve.took().compareTo(REFUSED_WITHIN.plusSeconds(5)) < 0, "gave up after " + serve.took());
    }

    private static String oneLine(Run run) {
        List<String> lines = run.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), "one line on stderr: " + run.err());
        return lines.get(0);
    }
}
