package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instance killed with SIGKILL and started again on its state takes its tasks back as the member it was: it is
 * ready long before its old session (45 s, Kafka's default) would have timed out, and answers from its state.
 */
class StaticMembershipIntegrationTest {
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);

    @Test
    void aRestartedInstanceIsReadyWithoutWaitingOutItsOldSession(@TempDir Path dir) throws InterruptedException {
        List<String> options = List.of("--bootstrap-servers", SharedBroker.bootstrapServers(), "--state-dir",
                dir.resolve("state").toString(), "--application-id", "it-static", "--topic-prefix", "static-",
                "--partitions", "3", "--source-idle-timeout", "2s", "--session-timeout", SESSION_TIMEOUT.toSeconds() + "s");
        Path log = dir.resolve("app.log");
        AppProcess first = AppProcess.start(log, options);
        first.awaitReady(Duration.ofSeconds(180));
        StringJoiner events = new StringJoiner("\n");
        for (int i = 0; i < 30; i++) {
            events.add("{\"timestamp\":\"2024-09-03T10:00:" + String.format("%02d", i) + "Z\",\"customer_id\":\"static_c\","
                    + "\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":5,\"request_id\":\"s-" + i + "\"}");
        }
        AppProcess.Reply accepted = first.post("/ingest/api-requests", "application/x-ndjson",
                events.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(202, accepted.status(), accepted.body());
        String stats = "/customers/static_c/stats?from=2024-09-03&to=2024-09-03";
        Instances.await(Duration.ofSeconds(60), () -> count(first.get(stats)) == 30, "the first run counted every event");
        first.kill();

        long restarted = System.nanoTime();
        AppProcess second = AppProcess.start(log, options);
        try {
            second.awaitReady(Duration.ofSeconds(180));
            long readyMs = (System.nanoTime() - restarted) / 1_000_000;
            System.out.printf("static membership: ready %d ms after the restart (session timeout %d s)%n", readyMs,
                    SESSION_TIMEOUT.toSeconds());
            // a new dynamic member waits until the old one's session ends; the process start itself takes a few seconds
            assertTrue(readyMs < SESSION_TIMEOUT.toMillis() - 10_000, "ready after " + readyMs + " ms");
            Instances.await(Duration.ofSeconds(30), () -> count(second.get(stats)) == 30, "the restarted run answers from its state");
        } finally {
            second.stop();
        }
    }

    private static long count(AppProcess.Reply reply) {
        if (reply.status() != 200) {
            return -1;
        }
        JsonNode days = Http.parse(reply.body());
        return days.size() == 1 ? days.get(0).get("success_requests").asLong() : -1;
    }
}
