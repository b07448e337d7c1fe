package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With its own broker, stopped mid-test: ingest answers 503 with Retry-After quickly, and recovers after. */
class BrokerOutageIntegrationTest {
    private static final String EVENT = "{\"timestamp\":\"2024-09-03T10:00:00Z\",\"customer_id\":\"c\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":1}";

    @Test
    void ingestAnswers503WhileTheBrokerIsDown(@TempDir Path brokerDir, @TempDir Path stateDir) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir);
        int brokerPort = broker.port();
        StreamlyticsInstance instance = Instances.startRunning(
                Instances.config(broker.bootstrapServers(), "it-outage", "", stateDir));
        try {
            assertEquals(202, Http.post(instance, "/ingest/api-requests", "application/json", EVENT).status());

            broker.close();
            long started = System.nanoTime();
            Http.Reply down = Http.post(instance, "/ingest/api-requests", "application/json", EVENT);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, down.status(), down.body());
            assertEquals("kafka_unavailable", down.json().at("/error/code").asText());
            assertNotNull(down.raw().headers().firstValue("Retry-After").orElse(null));
            // the configured ingest timeout is 2 s: the reply must not hang beyond it
            assertTrue(tookMs < 4_000, "503 took " + tookMs + " ms");
            assertEquals(200, Http.get(instance, "/health").status());

            broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
            Instances.await(Duration.ofSeconds(60), () -> Http.post(instance, "/ingest/api-requests", "application/json", EVENT).status() == 202,
                    "ingest accepts again after the broker is back");
        } finally {
            instance.close();
            broker.close();
        }
    }
}
