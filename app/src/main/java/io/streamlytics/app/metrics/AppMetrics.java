package io.streamlytics.app.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What {@code GET /metrics} exposes in Prometheus text format: HTTP requests per route, every Kafka
 * Streams client metric (process rates, commit latency, consumer lag per partition as
 * {@code kafka_consumer_fetch_manager_records_lag}, RocksDB at the configured recording level), JVM
 * metrics, and this instance's share of the /quality counters.
 */
public final class AppMetrics implements AutoCloseable {
    private static final String REQUEST_START = "streamlytics.request.start";
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "streamlytics-metrics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final KafkaStreamsMetrics streamsMetrics;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Supplier<Map<String, Long>> localQualityCounts;
    private final Map<String, AtomicLong> qualityGauges = new ConcurrentHashMap<>();

    /** @param localQualityCounts this instance's quality counters ("kind|topic|reason" → count); Prometheus sums instances */
    public AppMetrics(KafkaStreams streams, Supplier<Map<String, Long>> localQualityCounts) {
        this.localQualityCounts = localQualityCounts;
        // new client metrics (a partition's lag once it is assigned) are picked up within REFRESH; each refresh walks
        // thousands of client metrics (every task's and store's): every 5 s it took a sixth of the process's CPU
        streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), refresher, REFRESH);
        streamsMetrics.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    public void requestStarted(Context ctx) {
        ctx.attribute(REQUEST_START, System.nanoTime());
    }

    /**
     * Timed per route template (e.g. {@code /customers/{customer_id}/stats}), so ids do not explode the
     * series; the dashboard's static files (matched, but by no route) share the route {@code static}.
     */
    public void requestEnded(Context ctx) {
        Long start = ctx.attribute(REQUEST_START);
        if (start == null) {
            return;
        }
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "static" : endpoint.path;
        Timer.builder("http.server.requests")
                .tags(Tags.of("method", ctx.method().name(), "route", route, "status", Integer.toString(ctx.statusCode())))
                .publishPercentileHistogram(false)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
    }

    public String scrape() {
        refreshQualityGauges();
        return registry.scrape();
    }

    private void refreshQualityGauges() {
        Map<String, Long> counts;
        try {
            counts = localQualityCounts.get();
        } catch (RuntimeException notReady) {
            return; // streams not running: the last values stay
        }
        counts.forEach((key, count) -> qualityGauges.computeIfAbsent(key, this::registerQualityGauge).set(count));
    }

    private AtomicLong registerQualityGauge(String key) {
        String[] parts = key.split("\\|", 3);
        AtomicLong value = new AtomicLong();
        registry.gauge("streamlytics.quality.events", Tags.of("kind", parts[0], "topic", parts[1], "reason", parts[2]), value);
        return value;
    }

    @Override
    public void close() {
        streamsMetrics.close();
        refresher.shutdownNow();
        gcMetrics.close();
        registry.close();
    }
}
