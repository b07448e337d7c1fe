package io.streamlytics.app.cli;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.sample.ApiRequestGenerator;
import io.streamlytics.app.sample.AppLogGenerator;
import io.streamlytics.app.sample.EventGenerator;
import io.streamlytics.app.sample.SampleFeed;
import io.streamlytics.app.sample.SparkEventLogSample;
import io.streamlytics.app.sample.SparkJobGenerator;
import io.streamlytics.app.sample.UserEventGenerator;
import io.streamlytics.topology.Topics;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Everything on one machine with sample data for every pipeline: days of history loaded as a backfill, then a live
 * feed; the banner names one URL to try per area.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        defaultValueProvider = EnvironmentDefaults.class, footer = EnvironmentDefaults.RULE,
        description = "Start everything on one machine (embedded broker, topology, HTTP server) and feed sample data.")
public final class DemoCommand implements Callable<Integer> {
    private static final int HISTORY_REQUESTS = 30_000;
    private static final int HISTORY_LOG_LINES = 6_000;
    private static final int HISTORY_USER_EVENTS = 8_000;
    private static final int HISTORY_SPARK_EVENTS = 600;
    private static final Duration LIVE_TICK = Duration.ofMillis(100);

    @Mixin
    ServeOptions options;

    /** One topic's sample: its generator, where it goes, and how often it speaks live (every n ticks of 100 ms). */
    private record Sample(EventGenerator generator, SampleFeed feed, int ticksPerEvent) {
        /** {@code count} events spread evenly over [from, to), in time order. */
        void backfill(Instant from, Instant to, int count) {
            long span = to.toEpochMilli() - from.toEpochMilli();
            List<String> records = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                records.addAll(generator.live(from.toEpochMilli() + span * i / count, 0));
            }
            feed.send(records);
        }

        void live(long tick) {
            if (tick % ticksPerEvent == 0) {
                feed.send(generator.live(System.currentTimeMillis(), Duration.ofSeconds(30).toMillis()));
            }
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config = options.toConfig();
        StreamlyticsInstance instance = StreamlyticsInstance.start(config);
        awaitRunning(instance);
        Topics topics = config.topology().topics();
        long seed = System.nanoTime();
        ApiRequestGenerator requestGenerator = new ApiRequestGenerator(seed, 0.05, 0.02, 0.005);
        Sample requests = new Sample(requestGenerator, new SampleFeed(instance.kafka(), topics.apiRequests()), 1);
        Sample logs = new Sample(new AppLogGenerator(seed, 0.05, 0.02, 0.005), new SampleFeed(instance.kafka(), topics.appLogs()), 1);
        Sample users = new Sample(new UserEventGenerator(seed, 0.02, 0.02, 0.005),
                new SampleFeed(instance.kafka(), topics.userEvents()), 1);
        SparkJobGenerator jobs = new SparkJobGenerator(seed, 0, 0.02, 0.005);
        Sample spark = new Sample(jobs, new SampleFeed(instance.kafka(), topics.sparkEvents()), 10);
        List<Sample> samples = List.of(requests, logs, users, spark);

        // two full days of history and today so far, loaded as a backfill
        Instant now = Instant.now();
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        Instant historyStart = today.minus(Duration.ofDays(2));
        // an incident of the search endpoint within the last day, for the anomalies (and the dashboard's panel) to show
        Instant incident = now.minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.MINUTES);
        requests.feed().send(requestGenerator.between(historyStart, now, HISTORY_REQUESTS, Duration.ofMinutes(10).toMillis(), incident));
        // a real Spark application's log, moved to today: before the simplified jobs, whose day it shares
        Instant sparkStart = Collections.max(List.of(today, now.minus(Duration.ofHours(3))));
        SparkEventLogSample eventLog = SparkEventLogSample.startingAt(sparkStart.toEpochMilli());
        spark.feed().send(eventLog.appId(), eventLog.lines());
        spark.backfill(sparkStart.plus(Duration.ofMinutes(1)), now, HISTORY_SPARK_EVENTS);
        logs.backfill(now.minus(Duration.ofHours(2)), now, HISTORY_LOG_LINES);
        users.backfill(historyStart, now, HISTORY_USER_EVENTS);
        samples.forEach(sample -> sample.feed().flush());
        printTryThis(instance, LocalDate.ofInstant(now, ZoneOffset.UTC), eventLog, jobs.firstJobId());

        // about 10 requests, log lines and user events a second, and a Spark event
        Thread live = new Thread(() -> feedLive(samples), "demo-live-feed");
        live.setDaemon(true);
        live.start();
        // the feeds first: they write into the broker the instance closes
        List<AutoCloseable> resources = new ArrayList<>();
        samples.forEach(sample -> resources.add(sample.feed()));
        resources.add(instance);
        ServeCommand.runUntilShutdown(resources.toArray(AutoCloseable[]::new));
        return 0;
    }

    private static void feedLive(List<Sample> samples) {
        try {
            for (long tick = 0; !Thread.currentThread().isInterrupted(); tick++) {
                for (Sample sample : samples) {
                    sample.live(tick);
                }
                Thread.sleep(LIVE_TICK.toMillis());
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

    /** One URL per area, by the area's name, in the banner's order. */
    static Map<String, String> tryThis(String base, LocalDate today, String sparkAppId, long sparkJobId, long simplifiedJobId) {
        String twoDaysAgo = today.minusDays(2).toString();
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("a customer's days", base + "/customers/cust_acme/stats?from=" + twoDaysAgo + "&to=" + today);
        urls.put("top endpoints", base + "/endpoints/top?by=p99&window=1h");
        urls.put("anomalies", base + "/anomalies?from=" + twoDaysAgo + "&to=" + today.plusDays(1));
        urls.put("an app's log search", base + "/apps/checkout/logs?level=error&q=declined");
        urls.put("an app's log stats", base + "/apps/checkout/stats?window=1m");
        urls.put("a user's flyer time", base + "/users/u-7/flyer-time");
        urls.put("flyer time by user", base + "/flyer-time?limit=10");
        urls.put("a merchant's report", base + "/merchants/3/report?from=" + twoDaysAgo + "&to=" + today);
        urls.put("today's Spark jobs", base + "/analytics/summary?date=" + today);
        urls.put("one job (simplified events)", base + "/analytics/jobs/" + simplifiedJobId);
        urls.put("one job (a real Spark event log)", base + "/analytics/apps/" + sparkAppId + "/jobs/" + sparkJobId);
        return urls;
    }

    private static void printTryThis(StreamlyticsInstance instance, LocalDate today, SparkEventLogSample eventLog, long simplifiedJobId) {
        String base = "http://" + instance.address().host() + ":" + instance.address().port();
        System.out.println();
        System.out.println("Streamlytics demo is running: " + base + " (Kafka " + instance.bootstrapServers() + ")");
        System.out.println("Open " + base + "/ for the dashboard. Sample data of every pipeline is loaded for "
                + today.minusDays(2) + " to " + today + " and arrives live.");
        System.out.println("A page per area: " + base + "/ui/customer?customer_id=cust_acme, " + base + "/ui/merchant?merchant_id=3, "
                + base + "/ui/jobs, " + base + "/ui/logs?app=checkout. Or try:");
        tryThis(base, today, eventLog.appId(), eventLog.firstJobId(), simplifiedJobId)
                .forEach((area, url) -> System.out.printf("  %-32s curl '%s'%n", area + ":", url));
        System.out.println("  post an event:                   curl -X POST " + base
                + "/ingest/api-requests -H 'Content-Type: application/json' -d '{\"timestamp\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + "\",\"customer_id\":\"cust_new\",\"request_path\":\"/api/v1/orders\",\"status_code\":200,\"duration_ms\":42}'");
        System.out.println("Stop with Ctrl-C.");
        System.out.println();
    }
}
