package io.streamlytics.app.cli;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.sample.ApiRequestGenerator;
import io.streamlytics.app.sample.SampleFeed;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start everything on one machine (embedded broker, topology, HTTP server) and feed sample data.")
public final class DemoCommand implements Callable<Integer> {
    private static final int HISTORY_EVENTS = 60_000;
    private static final int LIVE_EVENTS_PER_SECOND = 20;

    @Mixin
    ServeOptions options;

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = options.toConfig();
        StreamlyticsInstance instance = StreamlyticsInstance.start(config);
        awaitRunning(instance);
        String topic = config.topology().topics().apiRequests();
        SampleFeed feed = new SampleFeed(instance.kafka(), topic);
        ApiRequestGenerator generator = new ApiRequestGenerator(System.nanoTime(), 0.05, 0.02, 0.005);

        // two full days of history and today so far, loaded as a backfill: out of order by up to 10 minutes
        Instant now = Instant.now();
        Instant historyStart = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2));
        feed.send(generator.between(historyStart, now, HISTORY_EVENTS, Duration.ofMinutes(10).toMillis()));
        feed.flush();
        printTryThis(instance, LocalDate.ofInstant(now, ZoneOffset.UTC));

        Thread live = new Thread(() -> feedLive(feed, generator), "demo-live-feed");
        live.setDaemon(true);
        live.start();
        ServeCommand.runUntilShutdown(instance, feed);
        return 0;
    }

    private static void feedLive(SampleFeed feed, ApiRequestGenerator generator) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (int i = 0; i < LIVE_EVENTS_PER_SECOND / 10; i++) {
                    feed.send(generator.live(System.currentTimeMillis(), Duration.ofSeconds(30).toMillis()));
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException | org.apache.kafka.common.KafkaException e) {
            // the demo is stopping
        }
    }

    private static void awaitRunning(StreamlyticsInstance instance) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (instance.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("streams did not reach RUNNING within 2 minutes (state " + instance.state() + ")");
            }
            Thread.sleep(100);
        }
    }

    private static void printTryThis(StreamlyticsInstance instance, LocalDate today) {
        String base = "http://" + instance.address().host() + ":" + instance.address().port();
        String twoDaysAgo = today.minusDays(2).toString();
        System.out.println();
        System.out.println("Streamlytics demo is running: " + base + " (Kafka " + instance.bootstrapServers() + ")");
        System.out.println("Sample api-requests are loaded for " + twoDaysAgo + " to " + today + " and arrive live. Try:");
        System.out.println("  curl '" + base + "/customers/cust_acme/stats?from=" + twoDaysAgo + "&to=" + today + "'");
        System.out.println("  curl '" + base + "/customers/cust_umbrella/stats?from=" + today + "'");
        System.out.println("  curl -X POST " + base + "/ingest/api-requests -H 'Content-Type: application/json' \\");
        System.out.println("       -d '{\"timestamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"customer_id\":\"cust_new\",\"request_path\":\"/api/v1/orders\",\"status_code\":200,\"duration_ms\":42}'");
        System.out.println("  curl " + base + "/ready");
        System.out.println("Stop with Ctrl-C.");
        System.out.println();
    }
}
