package io.streamlytics.bench;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 3, freshness: under a steady background load of api-requests stamped "now", a probe
 * request for one customer is produced and its day's stats are polled over HTTP until they count
 * it; the time from send to visible is one sample. Probes run one at a time, a tenth of a second apart.
 * The instance is {@code serve} in its own JVM with its defaults (one stream thread per core).
 */
@Command(name = "freshness", mixinStandardHelpOptions = true, description = "Produce-to-visible-over-HTTP latency under steady load.")
public final class FreshnessBench implements Callable<Integer> {
    private static final String PROBE_CUSTOMER = "cust_probe";
    private static final double PROBE_TIMEOUT_MS = 30_000;
    private static final String HEAP = "2g";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--rate", description = "background api-requests per second (default ${DEFAULT-VALUE})")
    int rate = 20_000;
    @Option(names = "--seconds", description = "measured seconds, after a warm-up of a quarter of that (default ${DEFAULT-VALUE})")
    int seconds = 60;
    @Option(names = "--customers", description = "customers of the background load (default ${DEFAULT-VALUE})")
    int customers = 1_000;
    @Option(names = "--before", description = "a checkout of the code before a change, compiled (mvn -o compile -pl app -am in it):"
            + " measured after this checkout's, each on a fresh broker; repeatable")
    List<Path> before = List.of();
    @Option(names = "--out", description = "directory of the figures and charts (default ${DEFAULT-VALUE})")
    Path out = Path.of("bench/results");

    @Override
    public Integer call() throws Exception {
        Report report = new Report("freshness", out);
        report.line("background load %,d api-requests/s of %,d customers, %d s measured", rate, customers, seconds);
        List<Chart.Series> series = new ArrayList<>(List.of(measure(report, "this checkout", ServeProcess.Launch.DEFAULT)));
        for (Path checkout : before) {
            series.add(measure(report, "code before (" + checkout + ")", ServeProcess.Launch.codeBefore(checkout, BenchInstances.PARTITIONS,
                    ServeProcess.Launch.SERVE_DEFAULT_THREADS)));
        }
        Chart.lines(report.chart("over-time"), "Freshness: produce → visible over HTTP, under " + String.format("%,d", rate) + " events/s",
                "seconds into the measurement", "ms", series);
        return 0;
    }

    /** One instance of {@code launch} under the load: its probes' latencies, reported and returned as a chart series. */
    private Chart.Series measure(Report report, String label, ServeProcess.Launch launch) throws Exception {
        String input = TopologyConfig.defaults().topics().apiRequests();
        try (LoadedCluster cluster = LoadedCluster.start("bench-freshness", 0, customers);
             Admin admin = BenchKafka.admin(cluster.bootstrapServers());
             ServeProcess serve = ServeProcess.start(cluster.bootstrapServers(), cluster.applicationId(), cluster.work().resolve("state"), 0,
                     HEAP, launch)) {
            ServeProcess.await(() -> Http.status(serve.baseUrl() + "/ready") == 200, READY_TIMEOUT, "/ready answering 200");
            String base = serve.baseUrl();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong produced = new AtomicLong();
            Thread load = new Thread(() -> backgroundLoad(cluster.bootstrapServers(), input, running, produced), "bench-load");
            load.start();
            List<Double> warmUp = new ArrayList<>();
            List<Double> at = new ArrayList<>();
            List<Double> latencies = new ArrayList<>();
            try (KafkaProducer<String, String> probes = probeProducer(cluster.bootstrapServers())) {
                long start = System.nanoTime();
                long warmUpEnd = start + seconds * 250_000_000L;
                long end = warmUpEnd + seconds * 1_000_000_000L;
                long producedAtWarmUpEnd = -1;
                long committedAtWarmUpEnd = 0;
                for (int probe = 1; System.nanoTime() < end; probe++) {
                    double latency = probe(probes, input, base, probe);
                    if (System.nanoTime() < warmUpEnd) {
                        warmUp.add(latency);
                        continue;
                    }
                    if (producedAtWarmUpEnd < 0) {
                        producedAtWarmUpEnd = produced.get();
                        committedAtWarmUpEnd = BenchKafka.committedOn(admin, cluster.applicationId(), input);
                    }
                    at.add((System.nanoTime() - warmUpEnd) / 1e9);
                    latencies.add(latency);
                    Thread.sleep(100);
                }
                double measured = (System.nanoTime() - warmUpEnd) / 1e9;
                long committed = BenchKafka.committedOn(admin, cluster.applicationId(), input);
                report.line("%s: produced %,.0f events/s, processed %,.0f events/s while measuring", label,
                        (produced.get() - producedAtWarmUpEnd) / measured, (committed - committedAtWarmUpEnd) / measured);
            } finally {
                running.set(false);
                load.join();
            }
            Samples samples = Samples.of(latencies);
            report.line("%s: %d probes after %d warm-up probes: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; %d not visible within %.0f s",
                    label, samples.count(), warmUp.size(), samples.median(), samples.percentile(0.9), samples.percentile(0.99), samples.max(),
                    latencies.stream().filter(l -> l >= PROBE_TIMEOUT_MS).count(), PROBE_TIMEOUT_MS / 1000);
            return Chart.Series.of(label + ": probe latency", at, latencies);
        }
    }

    /**
     * Produces one probe request now and polls until the probe customer's day counts {@code expected}
     * requests; the ms it took, or {@link #PROBE_TIMEOUT_MS} when it was not visible by then (an
     * instance that cannot keep up with the load falls ever further behind).
     */
    private static double probe(KafkaProducer<String, String> producer, String topic, String base, int expected) throws Exception {
        Instant now = Instant.now();
        String json = "{\"timestamp\":\"" + now + "\",\"customer_id\":\"" + PROBE_CUSTOMER + "\",\"request_path\":\"/probe\","
                + "\"status_code\":200,\"duration_ms\":1,\"request_id\":\"probe-" + expected + "\"}";
        String url = base + "/customers/" + PROBE_CUSTOMER + "/stats?from=" + now.toString().substring(0, 10);
        long sent = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, PROBE_CUSTOMER, json));
        while (true) {
            Http.Reply reply = Http.get(url);
            if (reply.status() == 200) {
                long counted = 0;
                for (var row : EventJson.MAPPER.readTree(reply.body())) {
                    counted += row.get("success_requests").asLong();
                }
                if (counted >= expected) {
                    return (System.nanoTime() - sent) / 1e6;
                }
            }
            if ((System.nanoTime() - sent) / 1e6 > PROBE_TIMEOUT_MS) {
                return PROBE_TIMEOUT_MS;
            }
            Thread.sleep(2);
        }
    }

    /** Paced in 10 ms steps: rate/100 events per step, each stamped with the current time. */
    private void backgroundLoad(String bootstrap, String topic, AtomicBoolean running, AtomicLong produced) {
        ApiRequestsLoad load = new ApiRequestsLoad(Long.MAX_VALUE, customers, Instant.now(), 0);
        long step = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = BenchKafka.producer(bootstrap)) {
            while (running.get()) {
                long now = System.currentTimeMillis();
                for (int i = 0; i < rate / 100; i++) {
                    String[] event = load.next(now);
                    producer.send(new ProducerRecord<>(topic, event[0], event[1]));
                }
                produced.addAndGet(rate / 100);
                step++;
                long sleepNanos = start + step * 10_000_000L - System.nanoTime();
                if (sleepNanos > 0) {
                    Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KafkaProducer<String, String> probeProducer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
