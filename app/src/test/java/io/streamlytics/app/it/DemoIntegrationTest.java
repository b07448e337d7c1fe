package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.FreePort;
import io.streamlytics.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The README's first command as a new user runs it: {@code demo} in its own process, its embedded broker included.
 * Every URL its banner gives answers 200 with something to show, while the backfill is still being processed; the
 * deadline is generous (three minutes) because the suite's machine is shared, and each URL's time is printed.
 */
class DemoIntegrationTest {
    private static final Pattern TRY_URL = Pattern.compile("curl '(http://[^']+)'");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyUrlOfTheBannerAnswersWithData(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("demo.log");
        Process demo = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx768m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo",
                "--http-port", Integer.toString(FreePort.onLoopback()), "--embedded-kafka-port", "0",
                "--embedded-kafka-dir", dir.resolve("kafka").toString(), "--state-dir", dir.resolve("state").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            List<String> urls = awaitBanner(demo, log, Duration.ofMinutes(4));
            assertEquals(11, urls.size(), "one URL per area: " + urls);
            long banner = System.nanoTime();
            long deadline = banner + Duration.ofSeconds(180).toNanos();
            Map<String, String> waiting = new TreeMap<>();
            urls.forEach(url -> waiting.put(url, "not asked yet"));
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (String url : new ArrayList<>(waiting.keySet())) {
                    String problem = problemWith(url);
                    if (problem == null) {
                        waiting.remove(url);
                        System.out.printf("demo: %s answered %d s after the banner%n", url, (System.nanoTime() - banner) / 1_000_000_000L);
                    } else {
                        waiting.put(url, problem);
                    }
                }
                Thread.sleep(1000);
            }
            assertTrue(waiting.isEmpty(), "within 180 s of the banner these still had nothing to show: " + waiting);
            // the embedded broker logs into its own file: what the user sees is the service's
            List<String> console = Files.readAllLines(log);
            assertEquals(List.of(), console.stream().filter(line -> line.contains(" ERROR ")).toList(), "no ERROR on the demo's console");
            console.stream().filter(line -> line.contains(" WARN ")).forEach(line -> System.out.println("demo console: " + line));
        } finally {
            demo.destroy();
            if (!demo.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }

    private static List<String> awaitBanner(Process demo, Path log, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log);
            if (output.contains("Stop with Ctrl-C.")) {
                List<String> urls = new ArrayList<>();
                Matcher m = TRY_URL.matcher(output);
                while (m.find()) {
                    urls.add(m.group(1));
                }
                return urls;
            }
            if (!demo.isAlive()) {
                fail("the demo exited with " + demo.exitValue() + ":\n" + output);
            }
            Thread.sleep(500);
        }
        fail("no banner within " + timeout.toSeconds() + " s:\n" + Files.readString(log));
        return List.of();
    }

    /** Null when the URL answers 200 with at least one row, item or counted thing; else what it answered. */
    private static String problemWith(String url) {
        try {
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                return reply.statusCode() + " " + reply.body();
            }
            JsonNode body = Http.parse(reply.body());
            boolean empty = body.isArray() ? body.isEmpty()
                    : body.has("items") ? body.get("items").isEmpty()
                    : body.has("summary") ? body.at("/summary/total_jobs").asLong() == 0
                    : body.has("sessions") ? body.get("sessions").asLong() == 0
                    : body.isEmpty();
            return empty ? "200 but nothing in it yet: " + reply.body() : null;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
