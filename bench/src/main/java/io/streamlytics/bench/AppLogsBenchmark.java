package io.streamlytics.bench;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.streams.KafkaStreams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures app logs on one instance with its embedded broker: HTTP ingest of 10k-line NDJSON batches
 * (lines/s, per batch), how long the topology takes to hold every line, and search latency over them.
 * Run with {@code bench/app-logs.sh [lines]} (default 1,000,000 lines); prints medians.
 */
@Command(name = "app-logs", mixinStandardHelpOptions = true, description = "The app-logs pipeline: HTTP ingest rate, time until every line is searchable, search latency.")
public final class AppLogsBenchmark implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "1000000", description = "log lines to ingest (default ${DEFAULT-VALUE})")
    int lines;


    private static final int BATCH = 10_000;
    private static final String[] APPS = {"checkout", "checkout", "checkout", "checkout", "checkout", "checkout", "checkout",
            "billing", "billing", "search"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR"};
    private static final String[] MESSAGES = {"GET /api/v1/orders answered 200 in %d ms", "cache miss for key user:%d",
            "payment authorised for order %d", "retrying call to bank, attempt %d", "card declined for order %d"};
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("app-logs-bench");
        AppConfig config = AppConfig.builder().httpPort(0).stateDir(dir.resolve("state")).applicationId("bench-app-logs")
                .embeddedKafkaDir(dir.resolve("kafka")).embeddedKafkaPort(0).streamThreads(1).maxRequestBytes(64L << 20)
                .ingestTimeout(Duration.ofSeconds(30)).build();
        try (StreamlyticsInstance instance = StreamlyticsInstance.start(config)) {
            while (instance.state() != KafkaStreams.State.RUNNING) {
                Thread.sleep(100);
            }
            String base = "http://127.0.0.1:" + instance.address().port();
            long started = System.nanoTime();
            double[] linesPerSecond = ingest(base, lines);
            Arrays.sort(linesPerSecond);
            System.out.printf(Locale.ROOT, "ingest: %d batches of %d NDJSON lines over HTTP: median %.0f lines/s (min %.0f, max %.0f)%n",
                    linesPerSecond.length, BATCH, linesPerSecond[linesPerSecond.length / 2], linesPerSecond[0],
                    linesPerSecond[linesPerSecond.length - 1]);
            awaitStored(base, lines);
            System.out.printf(Locale.ROOT, "topology: all %d lines searchable %.1f s after the first batch was sent%n",
                    lines, (System.nanoTime() - started) / 1e9);
            String lastDay = "&from=" + Instant.now().minus(Duration.ofDays(1)) + "&to=" + Instant.now();
            for (String query : List.of("/apps/checkout/logs?limit=100", "/apps/checkout/logs?limit=100&level=error",
                    "/apps/checkout/logs?limit=100&q=declined&service=payments", "/apps/checkout/logs?limit=100&q=attempt%207",
                    "/apps/checkout/logs?limit=1000", "/apps/checkout/logs?limit=100&q=no-such-text",
                    "/apps/checkout/stats?window=1h" + lastDay, "/apps/checkout/stats?window=1m&limit=1000" + lastDay, "/apps")) {
                System.out.printf(Locale.ROOT, "search %-80s median %7.1f ms%n", query, medianMillis(base + query));
            }
        }
        return 0;
    }

    /** Sends {@code lines} lines in batches; the lines per second of each batch, from send to 202. */
    private static double[] ingest(String base, int lines) throws IOException, InterruptedException {
        Random random = new Random(1);
        // event times evenly over the 20 hours before now: all within the 24 h search retention, in order
        long first = Instant.now().minus(Duration.ofHours(20)).toEpochMilli();
        double step = Duration.ofHours(20).toMillis() / (double) lines;
        double[] rates = new double[lines / BATCH];
        for (int batch = 0; batch < rates.length; batch++) {
            StringBuilder body = new StringBuilder(BATCH * 200);
            for (int i = batch * BATCH; i < (batch + 1) * BATCH; i++) {
                String app = APPS[random.nextInt(APPS.length)];
                body.append("{\"timestamp\":").append(first + (long) (i * step)).append(",\"app\":\"").append(app)
                        .append("\",\"service\":\"").append(i % 3 == 0 ? "payments" : "web").append("\",\"level\":\"")
                        .append(LEVELS[random.nextInt(LEVELS.length)]).append("\",\"message\":\"")
                        .append(String.format(Locale.ROOT, MESSAGES[random.nextInt(MESSAGES.length)], random.nextInt(100_000)))
                        .append("\",\"trace_id\":\"").append(Long.toHexString(random.nextLong())).append("\"}\n");
            }
            long start = System.nanoTime();
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/ingest/app-logs"))
                    .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 202) {
                throw new IllegalStateException("ingest answered " + reply.statusCode() + ": " + reply.body());
            }
            rates[batch] = BATCH / ((System.nanoTime() - start) / 1e9);
        }
        return rates;
    }

    private static void awaitStored(String base, int lines) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/apps")).build(),
                    HttpResponse.BodyHandlers.ofString());
            long stored = 0;
            if (reply.statusCode() == 200) {
                for (var app : EventJson.MAPPER.readTree(reply.body()).get("items")) {
                    stored += app.get("count").asLong();
                }
            }
            if (stored >= lines) {
                return;
            }
            Thread.sleep(500);
        }
    }

    /** Median of 15 timed runs after 3 warm-up runs. */
    private static double medianMillis(String url) throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < 18; run++) {
            long start = System.nanoTime();
            HttpResponse<String> reply = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + reply.statusCode() + ": " + reply.body());
            }
            if (run >= 3) {
                times.add((System.nanoTime() - start) / 1e6);
            }
        }
        times.sort(null);
        return times.get(times.size() / 2);
    }
}
