package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Any Kafka client can publish: kcat (librdkafka, not Java) writes NDJSON lines straight into the input topics, with
 * no key or with any key, as the README shows, and the answers count them. Skipped where kcat is not installed
 * ({@code .ci/run} installs it).
 */
class KcatPublishIntegrationTest {
    private static final Path KCAT = Path.of("/usr/bin/kcat");
    private static final String PREFIX = "kcat-";
    @TempDir
    static Path state;
    @TempDir
    static Path files;
    private static StreamlyticsInstance instance;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(KCAT), "kcat is not installed: skipping (apt-get install -y kcat; .ci/run does)");
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-kcat", PREFIX, state));
    }

    @AfterAll
    static void stop() {
        if (instance != null) {
            instance.close();
        }
    }

    /** {@code kcat -P} reads one message per line; with {@code -K TAB} the part before the tab is its key. */
    private static void kcat(String topic, List<String> lines, boolean keyed) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KCAT.toString(), "-P", "-b", SharedBroker.bootstrapServers(), "-t", topic));
        if (keyed) {
            command.addAll(List.of("-K", "\t"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(files.resolve(topic + ".log").toFile()).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "kcat finished");
        assertEquals(0, process.exitValue(), Files.readString(files.resolve(topic + ".log")));
    }

    @Test
    void linesPublishedWithKcatWithOrWithoutKeysAreCounted() throws Exception {
        Topics topics = new Topics(PREFIX);
        Random random = new Random(11);
        Map<String, Integer> successes = new TreeMap<>();
        List<String> unkeyed = new ArrayList<>();
        List<String> keyed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String customer = "kc_" + random.nextInt(5);
            int status = random.nextInt(10) == 0 ? 500 : 200;
            String line = "{\"timestamp\":\"2024-09-03T10:" + String.format("%02d:%02d", i / 60, i % 60) + "Z\",\"customer_id\":\""
                    + customer + "\",\"request_path\":\"/x\",\"status_code\":" + status + ",\"duration_ms\":" + (1 + random.nextInt(90))
                    + ",\"request_id\":\"kc-" + i + "\"}";
            if (status == 200) {
                successes.merge(customer, 1, Integer::sum);
            }
            // half with no key, half keyed by anything at all: admission keys every event by its customer
            if (i % 2 == 0) {
                unkeyed.add(line);
            } else {
                keyed.add("producer-key-" + random.nextInt(3) + "\t" + line);
            }
        }
        kcat(topics.apiRequests(), unkeyed, false);
        kcat(topics.apiRequests(), keyed, true);

        for (Map.Entry<String, Integer> customer : successes.entrySet()) {
            String path = "/customers/" + customer.getKey() + "/stats?from=2024-09-03";
            Instances.await(Duration.ofSeconds(90), () -> {
                Http.Reply reply = Http.get(instance, path);
                if (reply.status() != 200) {
                    return false;
                }
                JsonNode days = reply.json();
                return days.size() == 1 && days.get(0).get("success_requests").asInt() == customer.getValue();
            }, customer.getKey() + " has its " + customer.getValue() + " successful requests");
        }
    }
}
