package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;
import io.streamlytics.app.http.KeyQueryHandler;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker stops under load and comes back. A client keeps ingesting batches and, like any producer
 * that honours 503, sends a refused batch again (same request_ids) until it is accepted. While the
 * broker is down: once a second has passed, every ingest answers 503 with Retry-After in under a
 * second; queries of local state keep answering (marked stale when the streams are not running).
 * After it returns the app recovers by itself, and every customer's count equals what was sent.
 */
class BrokerOutageIntegrationTest {
    private static final int CUSTOMERS = 4;
    private static final int BATCH = 20;
    private static final Duration OUTAGE = Duration.ofSeconds(6);

    @Test
    void ingestRefusesFastQueriesKeepAnsweringAndNothingIsLost(@TempDir Path brokerDir, @TempDir Path stateDir) throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(brokerDir);
        int brokerPort = broker.port();
        StreamlyticsInstance instance = Instances.startRunning(Instances.config(broker.bootstrapServers(), "it-outage", "", stateDir));
        Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
        AtomicLong brokerStoppedAt = new AtomicLong(Long.MAX_VALUE);
        List<String> slowRefusals = new CopyOnWriteArrayList<>();
        List<String> wrongReplies = new CopyOnWriteArrayList<>();
        AtomicInteger refusals = new AtomicInteger();
        AtomicInteger acceptedBatches = new AtomicInteger();
        AtomicBoolean feeding = new AtomicBoolean(true);
        Thread client = new Thread(() -> feed(instance, sent, brokerStoppedAt, feeding, refusals, acceptedBatches,
                slowRefusals, wrongReplies), "outage-client");
        client.setDaemon(true);
        try {
            client.start();
            Instances.await(Duration.ofSeconds(60), () -> count(Http.get(instance, statsPath(0))) > 0, "the first events are counted");

            broker.close();
            brokerStoppedAt.set(System.nanoTime());
            long outageEnd = System.nanoTime() + OUTAGE.toNanos();
            int queriesAnswered = 0;
            while (System.nanoTime() < outageEnd) {
                boolean running = instance.state() == KafkaStreams.State.RUNNING;
                Http.Reply reply = Http.get(instance, statsPath(0));
                if (reply.status() == 200) {
                    queriesAnswered++;
                    boolean stale = reply.raw().headers().firstValue(KeyQueryHandler.STALE_HEADER).isPresent();
                    assertTrue(running || stale, "answered while not running, without being marked stale: " + reply.body());
                } else {
                    assertEquals(503, reply.status(), reply.body());
                    assertTrue(reply.raw().headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
                }
                Thread.sleep(200);
            }
            assertTrue(queriesAnswered > 0, "no query of local state was answered while the broker was down");
            assertTrue(refusals.get() > 0, "no ingest was refused while the broker was down");

            broker = EmbeddedKafkaBroker.start(brokerDir, brokerPort);
            int acceptedBeforeReturn = acceptedBatches.get();
            Instances.await(Duration.ofSeconds(90), () -> acceptedBatches.get() > acceptedBeforeReturn + 5,
                    "ingest accepts again after the broker is back");
            feeding.set(false);
            client.join();
            assertTrue(slowRefusals.isEmpty(), "503s slower than a second, a second after the broker stopped: " + slowRefusals);
            assertTrue(wrongReplies.isEmpty(), "replies other than 202 or 503 with Retry-After: " + wrongReplies);

            Map<String, Integer> expected = new TreeMap<>();
            sent.forEach((customer, events) -> expected.put(customer, events.get()));
            Instances.await(Duration.ofSeconds(120), () -> expected.entrySet().stream().allMatch(customer ->
                    count(Http.get(instance, "/customers/" + customer.getKey() + "/stats?from=2024-09-03")) == customer.getValue()),
                    "every accepted event is counted once after the outage: " + expected);
            System.out.printf("broker outage test: %d ingest requests refused during a %d s outage, %d queries answered from local"
                    + " state meanwhile, all %d events counted once after recovery%n", refusals.get(), OUTAGE.toSeconds(),
                    queriesAnswered, expected.values().stream().mapToInt(Integer::intValue).sum());
        } finally {
            feeding.set(false);
            client.join(Duration.ofSeconds(30).toMillis());
            instance.close();
            broker.close();
        }
    }

    /** Sends batches until stopped, each one again until accepted; judges every refusal's speed and form. */
    private static void feed(StreamlyticsInstance instance, Map<String, AtomicInteger> sent, AtomicLong brokerStoppedAt,
                             AtomicBoolean feeding, AtomicInteger refusals, AtomicInteger acceptedBatches, List<String> slowRefusals,
                             List<String> wrongReplies) {
        for (int batch = 0; feeding.get(); batch++) {
            NumberedBatch numbered = NumberedBatch.of(batch * BATCH, BATCH, CUSTOMERS);
            Map<String, Integer> batchCounts = numbered.counts();
            while (true) {
                long started = System.nanoTime();
                Http.Reply reply = Http.post(instance, "/ingest/api-requests", "application/x-ndjson", numbered.ndjson());
                long tookMs = (System.nanoTime() - started) / 1_000_000;
                if (reply.status() == 202) {
                    batchCounts.forEach((customer, n) -> sent.computeIfAbsent(customer, c -> new AtomicInteger()).addAndGet(n));
                    acceptedBatches.incrementAndGet();
                    break;
                }
                if (reply.status() != 503 || reply.raw().headers().firstValue("Retry-After").isEmpty()) {
                    wrongReplies.add(reply.status() + " " + reply.body());
                } else {
                    refusals.incrementAndGet();
                    if (started - brokerStoppedAt.get() > Duration.ofSeconds(1).toNanos() && tookMs > 1_000) {
                        slowRefusals.add(tookMs + " ms");
                    }
                }
                sleep(100); // a real client would wait Retry-After; the test wants many tries
            }
            sleep(20);
        }
    }

    private static long count(Http.Reply reply) {
        return reply.status() == 200 && !reply.json().isEmpty() ? reply.json().path(0).path("success_requests").asLong() : -1;
    }

    private static String statsPath(int customer) {
        return "/customers/cust_" + customer + "/stats?from=2024-09-03";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
