package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.http.KeyQueryHandler;
import io.streamlytics.app.security.AccessSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Instances join (1 → 2 → 3) and leave (3 → 1) a group with one standby replica while a poller asks
 * every live instance for a set of customers and events of other customers keep flowing in through
 * ingest. The judged customers' data is loaded before the moves, so their correct answer is known:
 * every 200 is that answer, or, when marked stale (a standby), a count no higher; anything else must
 * be 503 with Retry-After. Never a wrong count, never a 404 for a known customer.
 * <p>
 * The flow matters: it makes exactly-once tasks close dirty and get wiped as corrupt during the moves,
 * and a wiped task must answer 503 (or its standby, stale) while it restores, not "unknown customer"
 * ({@link io.streamlytics.app.query.RunningTasks}).
 */
class RebalanceIntegrationTest {
    private static final int CUSTOMERS = 12;
    private static final String APP = "it-rebalance";
    private static final String PREFIX = "rebalance-";

    @Test
    void queriesDuringScaleOutAndScaleInAreCorrectStaleOrRetryLater(@TempDir Path dir) throws Exception {
        String bootstrap = SharedBroker.bootstrapServers();
        List<StreamlyticsInstance> live = new CopyOnWriteArrayList<>();
        live.add(start(bootstrap, dir.resolve("a")));
        Map<String, Integer> expected = load(live.get(0));
        for (Map.Entry<String, Integer> customer : expected.entrySet()) {
            Instances.await(Duration.ofSeconds(60), () -> count(Http.get(live.get(0), statsPath(customer.getKey()))) == customer.getValue(),
                    customer.getKey() + " is counted");
        }

        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        Thread poller = new Thread(() -> poll(live, expected, polling, outcomes, wrong), "rebalance-poller");
        poller.start();
        AtomicInteger flowing = new AtomicInteger();
        Thread flow = new Thread(() -> keepIngesting(live, polling, flowing), "rebalance-flow");
        flow.start();
        try {
            live.add(start(bootstrap, dir.resolve("b")));
            awaitAnswers(live, expected, "two instances");
            live.add(start(bootstrap, dir.resolve("c")));
            awaitAnswers(live, expected, "three instances");
            close(live, 0);
            awaitAnswers(live, expected, "two instances after one left");
            close(live, 0);
            awaitAnswers(live, expected, "one instance after two left");
        } finally {
            polling.set(false);
            poller.join();
            flow.join();
            live.forEach(StreamlyticsInstance::close);
        }
        System.out.println("rebalance test: answers during the moves " + new TreeMap<>(outcomes) + "; " + flowing.get()
                + " other events ingested meanwhile");
        assertTrue(flowing.get() > 0, "no events flowed during the moves");
        assertTrue(wrong.isEmpty(), "wrong answers: " + wrong);
        assertTrue(outcomes.getOrDefault("200 current", new AtomicInteger()).get() > 0, "no answer at all during the moves");
    }

    private static StreamlyticsInstance start(String bootstrap, Path stateDir) {
        return Instances.startRunning(Instances.config(bootstrap, APP, PREFIX, stateDir, AccessSettings.OPEN, 1));
    }

    /** Takes an instance out of the poller's list first, then closes it (it leaves the group cleanly). */
    private static void close(List<StreamlyticsInstance> live, int index) {
        live.remove(index).close();
    }

    private static Map<String, Integer> load(StreamlyticsInstance instance) {
        Random random = new Random(11);
        Map<String, Integer> requests = new TreeMap<>();
        StringJoiner ndjson = new StringJoiner("\n");
        for (int i = 0; i < 600; i++) {
            String customer = "cust_" + random.nextInt(CUSTOMERS);
            requests.merge(customer, 1, Integer::sum);
            ndjson.add("{\"timestamp\":\"2024-09-03T10:" + String.format("%02d:%02d", i / 60, i % 60) + "Z\",\"customer_id\":\""
                    + customer + "\",\"request_path\":\"/x\",\"status_code\":200,\"duration_ms\":5,\"request_id\":\"r" + i + "\"}");
        }
        Http.Reply reply = Http.post(instance, "/ingest/api-requests", "application/x-ndjson", ndjson.toString());
        assertEquals(202, reply.status(), reply.body());
        return requests;
    }

    /** Events of customers the poller does not judge, so that the moves happen with data flowing. */
    private static void keepIngesting(List<StreamlyticsInstance> live, AtomicBoolean running, AtomicInteger accepted) {
        Random random = new Random(5);
        int next = 0;
        while (running.get()) {
            List<StreamlyticsInstance> now = List.copyOf(live);
            StringJoiner ndjson = new StringJoiner("\n");
            for (int i = 0; i < 10; i++, next++) {
                ndjson.add("{\"timestamp\":\"2024-09-03T11:" + String.format("%02d:%02d", next / 60 % 60, next % 60)
                        + "Z\",\"customer_id\":\"flow_" + random.nextInt(50) + "\",\"request_path\":\"/y\",\"status_code\":200,"
                        + "\"duration_ms\":3,\"request_id\":\"f" + next + "\"}");
            }
            try {
                if (Http.post(now.get(random.nextInt(now.size())), "/ingest/api-requests", "application/x-ndjson", ndjson.toString())
                        .status() == 202) {
                    accepted.addAndGet(10);
                }
                Thread.sleep(50);
            } catch (UncheckedIOException closing) {
                // an instance closing: the next batch goes to another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void poll(List<StreamlyticsInstance> live, Map<String, Integer> expected, AtomicBoolean polling,
                             Map<String, AtomicInteger> outcomes, List<String> wrong) {
        Random random = new Random(3);
        List<String> customers = List.copyOf(expected.keySet());
        while (polling.get()) {
            List<StreamlyticsInstance> now = List.copyOf(live);
            StreamlyticsInstance instance = now.get(random.nextInt(now.size()));
            String customer = customers.get(random.nextInt(customers.size()));
            Http.Reply reply;
            try {
                reply = Http.get(instance, statsPath(customer));
            } catch (UncheckedIOException closing) {
                outcomes.computeIfAbsent("connection refused (closing)", k -> new AtomicInteger()).incrementAndGet();
                continue;
            }
            String outcome = judge(reply, expected.get(customer));
            outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
            if (outcome.startsWith("wrong")) {
                wrong.add(customer + " from " + instance.address() + ": " + reply.status() + " " + reply.body());
            }
        }
    }

    private static String judge(Http.Reply reply, int expected) {
        boolean stale = reply.raw().headers().firstValue(KeyQueryHandler.STALE_HEADER).isPresent();
        if (reply.status() == 200) {
            long counted = count(reply);
            if (counted == expected) {
                return stale ? "200 stale, current" : "200 current";
            }
            return stale && counted < expected ? "200 stale, behind" : "wrong count";
        }
        if (reply.status() == 503) {
            return reply.raw().headers().firstValue("Retry-After").isPresent()
                    ? "503 retry later, " + reply.json().path("error").path("code").asText()
                    : "wrong: 503 without Retry-After";
        }
        return "wrong status";
    }

    private static void awaitAnswers(List<StreamlyticsInstance> live, Map<String, Integer> expected, String what) {
        Instances.await(Duration.ofSeconds(120), () -> live.stream().allMatch(instance -> expected.entrySet().stream()
                .allMatch(customer -> {
                    Http.Reply reply = Http.get(instance, statsPath(customer.getKey()));
                    return reply.status() == 200 && count(reply) == customer.getValue();
                })), "every instance answers every customer with " + what);
    }

    private static long count(Http.Reply reply) {
        return reply.status() == 200 ? reply.json().path(0).path("success_requests").asLong() : -1;
    }

    private static String statsPath(String customer) {
        return "/customers/" + customer + "/stats?from=2024-09-03";
    }
}
