package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.app.kafka.UncleanStopMarker;
import io.streamlytics.topology.Topics;
import io.streamlytics.app.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Exactly-once across crashes: the app runs as its own process on the real broker while a known data
 * set flows straight into its input topics, is killed with SIGKILL at seeded random moments and
 * restarted on the same state directory; the final answers over HTTP must equal the figures computed
 * from the data set, and no answer along the way may count more than that (no double counting).
 * {@code -Dcrash.kills=N} (default 3, as in the suite), {@code -Dcrash.events=N} (default 6000), {@code -Dcrash.seed=S}.
 */
class CrashRecoveryIntegrationTest {
    static final Topics TOPICS = new Topics("crash-");

    @Test
    void resultsAfterRepeatedSigkillsEqualTheDataSet(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("crash.kills", 3);
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int requests = Integer.getInteger("crash.events", 6000);
        Random random = new Random(seed);
        KnownDataSet data = KnownDataSet.generate(random, requests, requests / 4);
        System.out.printf("crash test: seed %d (-Dcrash.seed), %d kills, %d events%n", seed, kills, data.events().size());
        String bootstrap = SharedBroker.bootstrapServers();
        List<String> topics = new ArrayList<>(TOPICS.inputs());
        topics.addAll(TOPICS.outputs());
        TopicSetup.ensure(KafkaConnection.of(bootstrap), topics, 3, (short) -1, Duration.ofDays(30));
        List<String> options = List.of("--bootstrap-servers", bootstrap, "--state-dir", dir.resolve("state").toString(),
                "--application-id", "it-crash", "--topic-prefix", "crash-", "--partitions", "3",
                "--source-idle-timeout", "2s", "--session-timeout", "6s");
        Path log = dir.resolve("app.log");

        Feeder feeder = new Feeder(bootstrap, data.events());
        for (int kill = 1; kill <= kills; kill++) {
            AppProcess app = AppProcess.start(log, options);
            app.awaitReady(Duration.ofSeconds(180));
            // each run gets its slice of the data set over two seconds, and is killed at a random moment of it
            Thread slice = feeder.feedInBackground(data.events().size() * kill / (kills + 1), Duration.ofSeconds(2));
            long runMs = 200 + random.nextInt(3_000);
            Thread.sleep(runMs);
            assertNotOverCounted(data, app);
            app.kill();
            System.out.printf("crash test: SIGKILL %d of %d after %d ms running, %d of %d events fed%n",
                    kill, kills, runMs, feeder.fed(), data.events().size());
            slice.join();
        }
        feeder.feedInBackground(data.events().size(), Duration.ofSeconds(2)).join();
        feeder.close();
        assertEquals(0, feeder.failures(), "events the feeder could not write");

        AppProcess app = AppProcess.start(log, options);
        try {
            app.awaitReady(Duration.ofSeconds(180));
            long started = System.nanoTime();
            try {
                Instances.await(Duration.ofSeconds(240), () -> assertNotOverCounted(data, app),
                        "the answers equal the data set's figures (seed " + seed + ")");
            } catch (AssertionError e) {
                StringBuilder answers = new StringBuilder();
                data.customers().keySet().forEach(customer -> answers.append(app.get("/customers/" + customer + "/stats?from="
                        + KnownDataSet.DAY).body()).append('\n'));
                System.out.println("crash test: expected " + data.customers() + " and " + data.appLevels() + "\nlast answers: "
                        + answers + app.get("/apps").body()
                        + "\n/quality: " + app.get("/quality").body() + "\nthe app's warnings and errors:\n" + app.problems());
                // the temporary directory goes with the test: keep the app's whole log where the build output is
                Files.copy(log, Path.of("target", "crash-test-app.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                throw e;
            }
            // every start after a kill wipes its local state at once, knowing the stores are not to be trusted
            long wipes = Files.readAllLines(log).stream().filter(line -> line.contains("did not close cleanly")).count();
            assertEquals(kills, wipes, "starts after a SIGKILL that wiped their state at once");
            System.out.printf("crash test: after %d SIGKILLs all %d events counted exactly once (%d requests of %d customers,"
                            + " %d log lines of %d apps), %d ms after the last restart was ready%n", kills, data.events().size(),
                    requests, data.customers().size(), requests / 4, data.appLevels().size(), (System.nanoTime() - started) / 1_000_000);
            app.stop();
            assertFalse(UncleanStopMarker.of(dir.resolve("state"), "it-crash").previousRunStoppedUncleanly(),
                    "a clean stop leaves its state for the next start to use as it is");
        } finally {
            app.stop();
        }
    }

    /** Fails at once on any count above the data set's; true when every count equals it. */
    private static boolean assertNotOverCounted(KnownDataSet data, AppProcess app) {
        boolean complete = true;
        for (Map.Entry<String, KnownDataSet.CustomerDay> customer : data.customers().entrySet()) {
            AppProcess.Reply reply = app.get("/customers/" + customer.getKey() + "/stats?from=" + KnownDataSet.DAY);
            if (reply.status() != 200) {
                complete = false;
                continue;
            }
            JsonNode rows = Http.parse(reply.body());
            KnownDataSet.CustomerDay expected = customer.getValue();
            long success = rows.path(0).path("success_requests").asLong();
            long failed = rows.path(0).path("failed_requests").asLong();
            long clientErrors = rows.path(0).path("client_errors").asLong();
            if (success > expected.success() || failed > expected.failed() || clientErrors > expected.clientErrors()) {
                fail("double counting for " + customer.getKey() + ": " + reply.body() + ", expected " + expected);
            }
            double expectedMean = (double) expected.durationSumMs() / expected.count();
            complete &= success == expected.success() && failed == expected.failed() && clientErrors == expected.clientErrors()
                    && Math.abs(rows.path(0).path("duration_mean").asDouble() - expectedMean) < 1e-3;
        }
        AppProcess.Reply apps = app.get("/apps");
        if (apps.status() != 200) {
            return false;
        }
        Map<String, Map<String, Long>> levels = new TreeMap<>();
        for (JsonNode item : Http.parse(apps.body()).path("items")) {
            Map<String, Long> byLevel = new TreeMap<>();
            item.path("by_level").properties().forEach(level -> {
                if (level.getValue().asLong() > 0) {
                    byLevel.put(level.getKey(), level.getValue().asLong());
                }
            });
            Map<String, Long> expected = data.appLevels().getOrDefault(item.path("app").asText(), Map.of());
            byLevel.forEach((level, count) -> assertTrue(count <= expected.getOrDefault(level, 0L),
                    "double counting of " + item.path("app").asText() + " " + level + ": " + count + ", expected " + expected));
            levels.put(item.path("app").asText(), byLevel);
        }
        return complete && levels.equals(data.appLevels());
    }
}
