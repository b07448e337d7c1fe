package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values that used to grow past a record's 1 MB, on the real broker (the test driver enforces no record size): before,
 * the changelog write failed, the stream thread died, was replaced, read the same input and died again, until the
 * client gave up and the task moved on to kill the next instance.
 */
class PoisonValueIntegrationTest {
    private static final String T = "2024-09-03T10:00:00Z";

    @Test
    void aFloodOfIdenticalLinesAndHundredsOfLongServiceNamesStopNothing(@TempDir Path state) {
        StreamlyticsInstance instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-poison", "poison-", state));
        try {
            String message = "x".repeat(60_000);
            for (int request = 0; request < 2; request++) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    lines.add(line("flood", "s", message));
                }
                assertEquals(202, Http.post(instance, "/ingest/app-logs", "application/x-ndjson", String.join("\n", lines)).status());
            }
            for (int request = 0; request < 9; request++) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    lines.add(line("names", (request * 100 + i) + "-" + "n".repeat(4_000), "m"));
                }
                assertEquals(202, Http.post(instance, "/ingest/app-logs", "application/x-ndjson", String.join("\n", lines)).status());
            }

            Instances.await(Duration.ofSeconds(60), () -> {
                Http.Reply flood = Http.get(instance, "/apps/flood/logs?limit=1000");
                return flood.status() == 200 && flood.json().get("items").size() == 8;
            }, "the first 8 identical lines, 480 KB, are searchable (a 9th would pass the 512 KiB of one millisecond)");
            Instances.await(Duration.ofSeconds(60), () -> {
                Http.Reply apps = Http.get(instance, "/apps");
                return apps.status() == 200 && countOf(apps.json(), "names") == 900 && countOf(apps.json(), "flood") == 20;
            }, "every line is counted in the registry");
            Instances.await(Duration.ofSeconds(60), () -> {
                Http.Reply quality = Http.get(instance, "/quality");
                return quality.status() == 200 && quality.body().contains("search_millisecond_full");
            }, "/quality counts the 12 lines set aside for search");
            assertEquals(KafkaStreams.State.RUNNING, instance.state());
            // 900 names of 4 KB over 3 partitions: each partition's entry names what fits in 32,768 characters, the rest together
            JsonNode byService = appEntry(Http.get(instance, "/apps").json(), "names").get("by_service");
            assertTrue(byService.size() <= 3 * 9, "services named: " + byService.size());
            long counted = 0;
            for (JsonNode count : byService) {
                counted += count.asLong();
            }
            assertEquals(900, counted);
        } finally {
            instance.close();
        }
    }

    private static String line(String app, String service, String message) {
        return "{\"timestamp\":\"" + T + "\",\"app\":\"" + app + "\",\"service\":\"" + service + "\",\"level\":\"error\",\"message\":\""
                + message + "\"}";
    }

    private static long countOf(JsonNode apps, String app) {
        JsonNode entry = appEntry(apps, app);
        return entry == null ? -1 : entry.get("count").asLong();
    }

    private static JsonNode appEntry(JsonNode apps, String app) {
        for (JsonNode item : apps.get("items")) {
            if (item.get("app").asText().equals(app)) {
                return item;
            }
        }
        return null;
    }
}
