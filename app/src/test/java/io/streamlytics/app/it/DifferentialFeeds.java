package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Three ways to feed one {@link DifferentialData} set: a burst through HTTP ingest, straight into the topics at once,
 * and paced as live. Each calls {@code atHalf} once, after about half of every topic's lines (an instance joins there).
 */
final class DifferentialFeeds {
    static final int HTTP_BATCH = 2000;
    private static final int LIVE_FLUSH_EVERY = 250;

    enum Feed {
        HTTP_BURST, DIRECT, LIVE
    }

    /** What the feed saw: problems are mismatches with what was expected of ingest (reported, not thrown). */
    record Outcome(int rejectedAtIngest, List<String> problems) {
    }

    private DifferentialFeeds() {
    }

    /** One record to send: contract topic name and line. */
    record Line(String topic, String json) {
    }

    /**
     * The four topics' lines merged in proportion (a line at 40% of its topic comes at about 40% of the whole), so each
     * topic's order is kept and every half of the merged list holds about half of each topic.
     */
    static List<Line> merged(DifferentialData data) {
        record Ranked(double rank, int topic, int index, Line line) {
        }
        List<Ranked> all = new ArrayList<>();
        int t = 0;
        for (Map.Entry<String, List<String>> topic : data.lines.entrySet()) {
            List<String> list = topic.getValue();
            for (int i = 0; i < list.size(); i++) {
                all.add(new Ranked((i + 0.5) / list.size(), t, i, new Line(topic.getKey(), list.get(i))));
            }
            t++;
        }
        all.sort((a, b) -> a.rank() != b.rank() ? Double.compare(a.rank(), b.rank())
                : a.topic() != b.topic() ? Integer.compare(a.topic(), b.topic()) : Integer.compare(a.index(), b.index()));
        return all.stream().map(Ranked::line).toList();
    }

    /**
     * Feeds the data set. {@code instances} gives the instances started so far (HTTP ingest rotates over them);
     * {@code emptyLastPartition} sends DIRECT and LIVE records to explicit partitions, never the last one.
     */
    static Outcome feed(Feed feed, DifferentialData data, Topics topics, String bootstrapServers, int partitions,
                        boolean emptyLastPartition, Supplier<List<StreamlyticsInstance>> instances, Runnable atHalf) {
        Random random = new Random(data.seed * 31 + feed.ordinal());
        return switch (feed) {
            case HTTP_BURST -> httpBurst(data, instances, atHalf);
            case DIRECT -> direct(data, topics, bootstrapServers, partitions, emptyLastPartition, random, atHalf);
            case LIVE -> live(data, topics, bootstrapServers, partitions, emptyLastPartition, random, atHalf);
        };
    }

    // ---------------------------------------------------------------- HTTP

    private static Outcome httpBurst(DifferentialData data, Supplier<List<StreamlyticsInstance>> instances, Runnable atHalf) {
        List<String> problems = new ArrayList<>();
        int rejected = 0;
        int post = 0;
        for (int half = 0; half < 2; half++) {
            // each topic's half in batches of 2,000 lines, the topics interleaved batch by batch
            List<List<List<String>>> batchesPerTopic = new ArrayList<>();
            List<String> topicNames = new ArrayList<>(data.lines.keySet());
            for (String topic : topicNames) {
                List<String> list = data.lines.get(topic);
                List<String> part = half == 0 ? list.subList(0, list.size() / 2) : list.subList(list.size() / 2, list.size());
                List<List<String>> batches = new ArrayList<>();
                for (int from = 0; from < part.size(); from += HTTP_BATCH) {
                    batches.add(part.subList(from, Math.min(part.size(), from + HTTP_BATCH)));
                }
                batchesPerTopic.add(batches);
            }
            int rounds = batchesPerTopic.stream().mapToInt(List::size).max().orElse(0);
            for (int round = 0; round < rounds; round++) {
                for (int t = 0; t < topicNames.size(); t++) {
                    if (round >= batchesPerTopic.get(t).size()) {
                        continue;
                    }
                    List<String> batch = batchesPerTopic.get(t).get(round);
                    List<StreamlyticsInstance> targets = instances.get();
                    StreamlyticsInstance target = targets.get(post++ % targets.size());
                    Http.Reply reply = Http.post(target, "/ingest/" + topicNames.get(t), "application/x-ndjson", String.join("\n", batch));
                    if (reply.status() == 202) {
                        JsonNode body = reply.json();
                        int batchRejected = body.get("rejected").size();
                        rejected += batchRejected;
                        if (body.get("accepted").asInt() + batchRejected != batch.size()) {
                            problems.add("POST /ingest/" + topicNames.get(t) + " of " + batch.size() + " lines: accepted "
                                    + body.get("accepted").asInt() + " + rejected " + batchRejected);
                        }
                    } else if (reply.status() == 400 && reply.body().contains("no_valid_events")) {
                        rejected += batch.size();
                    } else {
                        throw new AssertionError("POST /ingest/" + topicNames.get(t) + " to " + target.address() + " answered "
                                + reply.status() + " " + abbreviate(reply.body()) + " (seed " + data.seed + ")");
                    }
                }
            }
            if (half == 0) {
                atHalf.run();
            }
        }
        int bad = data.badSent.values().stream().mapToInt(Integer::intValue).sum();
        if (rejected != bad) {
            problems.add("HTTP ingest rejected " + rejected + " lines, " + bad + " bad lines were sent");
        }
        return new Outcome(rejected, problems);
    }

    // ---------------------------------------------------------------- straight into the topics

    private static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "differential-feed");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The partition of a DIRECT or LIVE record: random among all but the last when that one is to stay empty, else the
     * producer's choice. {@code -Dstreamlytics.differential.partition=N} sends every record to partition N instead: a
     * diagnostic (no disorder between partitions), to tell a wrong expectation of the test from a backfill bug.
     */
    private static Integer partition(boolean emptyLastPartition, int partitions, Random random) {
        String forced = System.getProperty("streamlytics.differential.partition", "").trim();
        if (!forced.isEmpty()) {
            return Integer.parseInt(forced);
        }
        return emptyLastPartition ? random.nextInt(partitions - 1) : null;
    }

    private static Outcome direct(DifferentialData data, Topics topics, String bootstrapServers, int partitions,
                                  boolean emptyLastPartition, Random random, Runnable atHalf) {
        List<Line> all = merged(data);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            for (int i = 0; i < all.size(); i++) {
                Line line = all.get(i);
                // null keys for half the records, random keys for the other half: the topology must not depend on them
                byte[] key = null;
                if (random.nextBoolean()) {
                    key = new byte[8];
                    random.nextBytes(key);
                }
                producer.send(new ProducerRecord<>(topics.input(line.topic()), partition(emptyLastPartition, partitions, random), key,
                        line.json().getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                });
                if (i + 1 == all.size() / 2) {
                    producer.flush();
                    atHalf.run();
                }
            }
            producer.flush();
        }
        requireAcknowledged(data, failures, firstFailure);
        return new Outcome(0, List.of());
    }

    private static Outcome live(DifferentialData data, Topics topics, String bootstrapServers, int partitions,
                                boolean emptyLastPartition, Random random, Runnable atHalf) {
        List<Line> all = merged(data);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long spreadNanos = Duration.ofSeconds(data.size.liveSeconds).toNanos();
        try (KafkaProducer<byte[], byte[]> producer = producer(bootstrapServers)) {
            long started = System.nanoTime();
            for (int i = 0; i < all.size(); i++) {
                Line line = all.get(i);
                producer.send(new ProducerRecord<>(topics.input(line.topic()), partition(emptyLastPartition, partitions, random), null,
                        line.json().getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, error);
                    }
                });
                if ((i + 1) % LIVE_FLUSH_EVERY == 0 || i + 1 == all.size()) {
                    producer.flush();
                    long due = started + spreadNanos * (i + 1) / all.size();
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted feeding live", e);
                        }
                    }
                }
                if (i + 1 == all.size() / 2) {
                    producer.flush();
                    atHalf.run();
                }
            }
        }
        requireAcknowledged(data, failures, firstFailure);
        return new Outcome(0, List.of());
    }

    private static void requireAcknowledged(DifferentialData data, AtomicInteger failures, AtomicReference<Exception> first) {
        if (failures.get() > 0) {
            throw new AssertionError(failures.get() + " records were not acknowledged by the broker (seed " + data.seed + "): "
                    + first.get());
        }
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
