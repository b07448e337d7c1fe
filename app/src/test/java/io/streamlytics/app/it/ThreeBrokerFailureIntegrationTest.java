package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.http.KeyQueryHandler;
import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.topology.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user of a real cluster asks: three KRaft brokers, each its own process, replication factor 3 with two
 * replicas in sync for acks=all, two instances with a standby each. While a client ingests and another queries, the
 * broker leading the controller quorum (and some partitions) is SIGKILLed; ingest must accept again with two brokers
 * left, then the broker is started again. Ingest answers 202, or 503 with Retry-After, never anything else; the client
 * sends a refused batch again with the same request_ids until accepted. Queries answer during the outage, and in
 * the end every customer's count is exactly what the client saw accepted.
 */
class ThreeBrokerFailureIntegrationTest {
    private static final int BROKERS = 3;
    private static final int CUSTOMERS = 4;
    private static final int BATCH = 10;
    private static final Duration BATCH_PAUSE = Duration.ofMillis(300);
    /** The broker stays down at least this long, and until ingest has accepted this many batches without it. */
    private static final Duration MIN_OUTAGE = Duration.ofSeconds(15);
    private static final int BATCHES_ACCEPTED_WITHOUT_IT = 5;

    @Test
    void oneBrokerKilledAndRestartedLosesNothingCountsNothingTwiceAndNeverAnswers500(
            @TempDir Path brokersDir, @TempDir Path stateA, @TempDir Path stateB) throws Exception {
        Ingest ingest = new Ingest();
        Queries queries = new Queries();
        Thread client = new Thread(ingest::feed, "three-brokers-client");
        Thread querier = new Thread(queries::ask, "three-brokers-queries");
        client.setDaemon(true);
        querier.setDaemon(true);
        BrokerCluster cluster = BrokerCluster.start(brokersDir, BROKERS);
        List<StreamlyticsInstance> instances = new ArrayList<>();
        try {
            KafkaConnection kafka = KafkaConnection.of(cluster.bootstrapServers());
            for (Path stateDir : List.of(stateA, stateB)) {
                instances.add(StreamlyticsInstance.start(Instances.config(kafka, "it-three-brokers", "", stateDir, AccessSettings.OPEN,
                        1, (short) BROKERS)));
            }
            ingest.instances.addAll(instances);
            queries.instances.addAll(instances);
            Instances.await(Duration.ofSeconds(180), () -> instances.stream().allMatch(i -> i.state() == KafkaStreams.State.RUNNING),
                    "both instances reach RUNNING");

            client.start();
            Instances.await(Duration.ofSeconds(120), () -> countsOf(instances.get(0)).size() == CUSTOMERS,
                    "the first events of every customer are counted");
            querier.start();

            int victim = cluster.activeController();
            int partitionsLed = cluster.partitionsLedBy(victim, List.of(new Topics("").apiRequests()));
            int acceptedBeforeKill = ingest.acceptedBatches.get();
            cluster.kill(victim);
            long killedAt = System.nanoTime();
            queries.outage.set(true);
            Instances.await(Duration.ofSeconds(120), () -> ingest.acceptedBatches.get() >= acceptedBeforeKill + BATCHES_ACCEPTED_WITHOUT_IT,
                    "ingest accepts again with broker " + victim + " down");
            while (System.nanoTime() - killedAt < MIN_OUTAGE.toNanos()) {
                Thread.sleep(100);
            }
            queries.outage.set(false);
            int acceptedDuringOutage = ingest.acceptedBatches.get() - acceptedBeforeKill;
            long outageMs = (System.nanoTime() - killedAt) / 1_000_000;

            long restartedAt = System.nanoTime();
            cluster.restart(victim);
            long registeredMs = (System.nanoTime() - restartedAt) / 1_000_000;
            cluster.awaitFullyReplicated(Duration.ofSeconds(180));
            long backInSyncMs = (System.nanoTime() - restartedAt) / 1_000_000;
            int acceptedBeforeReturn = ingest.acceptedBatches.get();
            Instances.await(Duration.ofSeconds(120), () -> ingest.acceptedBatches.get() > acceptedBeforeReturn + 5,
                    "ingest accepts with the broker back");
            ingest.feeding.set(false);
            queries.asking.set(false);
            join(client);
            join(querier);

            assertTrue(ingest.wrongReplies.isEmpty(), "ingest replies other than 202 or 503 with Retry-After: " + ingest.wrongReplies);
            assertTrue(queries.wrongReplies.isEmpty(), "query replies other than 200 or 503 with Retry-After: " + queries.wrongReplies);
            assertTrue(queries.answeredDuringOutage.get() > 0, "no query was answered while broker " + victim + " was down");

            Map<String, Long> expected = new TreeMap<>();
            ingest.accepted.forEach((customer, events) -> expected.put(customer, (long) events.get()));
            for (StreamlyticsInstance instance : instances) {
                Instances.await(Duration.ofSeconds(180), () -> countsOf(instance).equals(expected),
                        "every accepted event is counted once, asked on " + instance.address() + ": expected " + expected
                                + ", last seen " + countsOf(instance));
            }
            System.out.printf("three brokers test: broker %d (the active controller, leader of %d api-requests partitions) SIGKILLed"
                            + " for %d ms; ingest answers %d x 202 and %d x 503 (longest refusal %d ms, first acceptance %.1f s after"
                            + " the kill, %d batches accepted with the broker down); after its restart a broker again in %d ms, back in every ISR in %d ms;"
                            + " queries %d x 200 (%d stale) and %d x 503, %d x 200 during the outage; %d events accepted, all counted"
                            + " once%n",
                    victim, partitionsLed, outageMs, ingest.accepts.get(), ingest.refusals.get(), ingest.longestRefusalMs.get(),
                    ingest.secondsToAcceptanceAfter(killedAt), acceptedDuringOutage, registeredMs, backInSyncMs, queries.ok.get(),
                    queries.stale.get(), queries.refused.get(), queries.answeredDuringOutage.get(),
                    expected.values().stream().mapToLong(Long::longValue).sum());
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\nbroker logs:\n" + cluster.tails(), e);
        } finally {
            ingest.feeding.set(false);
            queries.asking.set(false);
            join(client);
            join(querier);
            for (StreamlyticsInstance instance : instances) {
                instance.close();
            }
            cluster.close();
        }
    }

    /** The client: batches of fixed request_ids, each sent again after a refusal until accepted, every answer judged. */
    private static final class Ingest {
        final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
        final List<StreamlyticsInstance> instances = new CopyOnWriteArrayList<>();
        final AtomicInteger accepts = new AtomicInteger();
        final AtomicInteger refusals = new AtomicInteger();
        final List<String> wrongReplies = new CopyOnWriteArrayList<>();
        final AtomicInteger acceptedBatches = new AtomicInteger();
        final AtomicLong longestRefusalMs = new AtomicLong();
        final List<Long> acceptedAt = new CopyOnWriteArrayList<>();
        final AtomicBoolean feeding = new AtomicBoolean(true);

        void feed() {
            for (int batch = 0; feeding.get(); batch++) {
                NumberedBatch numbered = NumberedBatch.of(batch * BATCH, BATCH, CUSTOMERS);
                Map<String, Integer> batchCounts = numbered.counts();
                long firstRefusal = 0;
                // a refused batch goes to the other instance next: a client behind a load balancer would not pick its instance
                for (int attempt = 0; ; attempt++) {
                    StreamlyticsInstance instance = instances.get((batch + attempt) % instances.size());
                    Http.Reply reply;
                    try {
                        reply = Http.post(instance, "/ingest/api-requests", "application/x-ndjson", numbered.ndjson());
                    } catch (RuntimeException e) {
                        wrongReplies.add("no answer: " + e);
                        sleep(100);
                        continue;
                    }
                    if (reply.status() == 202) {
                        accepts.incrementAndGet();
                        batchCounts.forEach((customer, n) -> accepted.computeIfAbsent(customer, c -> new AtomicInteger()).addAndGet(n));
                        acceptedAt.add(System.nanoTime());
                        acceptedBatches.incrementAndGet();
                        if (firstRefusal != 0) {
                            long refusedMs = (System.nanoTime() - firstRefusal) / 1_000_000;
                            longestRefusalMs.accumulateAndGet(refusedMs, Math::max);
                        }
                        break;
                    }
                    if (reply.status() == 503 && reply.raw().headers().firstValue("Retry-After").isPresent()) {
                        refusals.incrementAndGet();
                        firstRefusal = firstRefusal == 0 ? System.nanoTime() : firstRefusal;
                    } else {
                        wrongReplies.add(reply.status() + " " + reply.body());
                    }
                    sleep(200); // a real client would wait Retry-After; the test wants many tries
                }
                sleep(BATCH_PAUSE.toMillis());
            }
        }

        double secondsToAcceptanceAfter(long nanos) {
            return acceptedAt.stream().filter(at -> at > nanos).findFirst().map(at -> (at - nanos) / 1e9).orElse(Double.NaN);
        }
    }

    /** Asks every customer's stats of both instances in turn; every answer must be 200 or 503 with Retry-After. */
    private static final class Queries {
        final List<StreamlyticsInstance> instances = new CopyOnWriteArrayList<>();
        final AtomicBoolean asking = new AtomicBoolean(true);
        final AtomicBoolean outage = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger stale = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger answeredDuringOutage = new AtomicInteger();
        final List<String> wrongReplies = new CopyOnWriteArrayList<>();

        void ask() {
            for (int i = 0; asking.get(); i++) {
                StreamlyticsInstance instance = instances.get(i % instances.size());
                try {
                    Http.Reply reply = Http.get(instance, statsPath("cust_" + i / instances.size() % CUSTOMERS));
                    if (reply.status() == 200) {
                        ok.incrementAndGet();
                        if (reply.raw().headers().firstValue(KeyQueryHandler.STALE_HEADER).isPresent()) {
                            stale.incrementAndGet();
                        }
                        if (outage.get()) {
                            answeredDuringOutage.incrementAndGet();
                        }
                    } else if (reply.status() == 503 && reply.raw().headers().firstValue("Retry-After").isPresent()) {
                        refused.incrementAndGet();
                    } else {
                        wrongReplies.add(reply.status() + " " + reply.body());
                    }
                } catch (RuntimeException e) {
                    wrongReplies.add("no answer: " + e);
                }
                sleep(100);
            }
        }
    }

    /** success_requests per customer that has a row for the day. */
    private static Map<String, Long> countsOf(StreamlyticsInstance instance) {
        Map<String, Long> counts = new TreeMap<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "cust_" + c;
            Http.Reply reply = Http.get(instance, statsPath(customer));
            if (reply.status() == 200 && !reply.json().isEmpty()) {
                counts.put(customer, reply.json().path(0).path("success_requests").asLong());
            }
        }
        return counts;
    }

    private static String statsPath(String customer) {
        return "/customers/" + customer + "/stats?from=2024-09-03";
    }

    private static void join(Thread thread) throws InterruptedException {
        if (thread.isAlive()) {
            thread.join(Duration.ofSeconds(60).toMillis());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
