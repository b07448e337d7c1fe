package io.streamlytics.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.ingest.IngestTopic;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.InvalidEventException;
import io.streamlytics.topology.events.SparkEventParser;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Publish NDJSON files or Spark event logs (files, folders, .gz) into a topic, line by line, unchanged.",
                "Spark event-log lines are keyed by their application id (from SparkListenerApplicationStart, else the file name).",
                "Exit codes: 0 done, 1 Kafka failed, 2 usage (unknown topic, missing file)."})
public final class ReplayCommand implements Callable<Integer> {
    /** Lines read ahead of the first send while looking for an event log's SparkListenerApplicationStart. */
    private static final int APP_START_LOOKAHEAD = 1000;
    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

    @Parameters(index = "0", description = "topic: api-requests, spark-events, user-events or app-logs")
    String topic;

    @Parameters(index = "1..*", arity = "1..*", description = "NDJSON files, Spark event logs, or folders of them")
    List<Path> paths;

    @Option(names = "--bootstrap-servers", defaultValue = "${env:STREAMLYTICS_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka to write to (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_BOOTSTRAP_SERVERS]")
    String bootstrapServers;

    @Option(names = "--topic-prefix", defaultValue = "${env:STREAMLYTICS_TOPIC_PREFIX:-}", description = "prefix of topic names")
    String topicPrefix;

    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private long started;
    private long lastProgress;

    @Override
    public Integer call() {
        var ingestTopic = IngestTopic.named(topic);
        if (ingestTopic.isEmpty()) {
            System.err.println("replay: unknown topic '" + topic + "': one of " + String.join(", ", IngestTopic.SUPPORTED.keySet()));
            return 2;
        }
        List<Path> files;
        try {
            files = ReplayFiles.expand(paths);
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            return 2;
        }
        started = System.nanoTime();
        lastProgress = started;
        String target = new Topics(topicPrefix).input(topic);
        try (var producer = new KafkaProducer<>(producerProps(), new StringSerializer(), new ByteArraySerializer())) {
            for (Path file : files) {
                replay(file, ingestTopic.get(), target, producer);
            }
            producer.flush();
            throwIfFailed();
        } catch (IOException e) {
            System.err.println("replay: cannot read: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            System.err.println("replay: Kafka at " + bootstrapServers + " failed after " + acknowledged.get() + " events: " + e.getMessage());
            return 1;
        }
        progress(true);
        return 0;
    }

    private void replay(Path file, IngestTopic<?> ingestTopic, String target, KafkaProducer<String, byte[]> producer) throws IOException {
        try (BufferedReader lines = ReplayFiles.open(file)) {
            List<String> ahead = new ArrayList<>();
            String appId = null;
            String line;
            while (appId == null && ahead.size() < APP_START_LOOKAHEAD && (line = lines.readLine()) != null) {
                ahead.add(line);
                appId = SparkEventParser.announcedAppId(readOrNull(line));
            }
            boolean eventLog = Topics.SPARK_EVENTS.equals(topic) && ahead.stream().filter(l -> !l.isBlank()).findFirst()
                    .map(l -> SparkEventParser.isEventLogLine(readOrNull(l))).orElse(false);
            String logKey = appId != null ? appId : ReplayFiles.appIdFromName(file);
            for (String kept : ahead) {
                send(producer, target, eventLog ? logKey : keyOf(ingestTopic, kept), kept);
            }
            while ((line = lines.readLine()) != null) {
                send(producer, target, eventLog ? logKey : keyOf(ingestTopic, line), line);
            }
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String target, String key, String line) {
        if (line.isBlank()) {
            return;
        }
        throwIfFailed();
        producer.send(new ProducerRecord<>(target, key, line.getBytes(StandardCharsets.UTF_8)), (metadata, e) -> {
            if (e != null) {
                sendFailure.compareAndSet(null, e);
            } else {
                acknowledged.incrementAndGet();
            }
        });
        if (System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
            progress(false);
        }
    }

    /** One plain line of progress: events Kafka acknowledged so far and the rate since the start. */
    private void progress(boolean done) {
        long now = System.nanoTime();
        lastProgress = now;
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        long events = acknowledged.get();
        System.out.printf("%s%d events %s %s in %.1f s (%.0f events/s)%n", done ? "replayed " : "", events,
                done ? "into" : "acknowledged by", new Topics(topicPrefix).input(topic), seconds, events / seconds);
    }

    /** The key HTTP ingest would give a line; none for a line that is not a valid event (the topology dead-letters it). */
    private static String keyOf(IngestTopic<?> ingestTopic, String line) {
        JsonNode json = readOrNull(line);
        try {
            return json == null ? null : ingestTopic.validate(json, System.currentTimeMillis());
        } catch (InvalidEventException e) {
            return null;
        }
    }

    private static JsonNode readOrNull(String line) {
        try {
            return EventJson.readTree(line.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            return null;
        }
    }

    private void throwIfFailed() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException(failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
        }
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // a replay is a bulk load: large batches, compressed
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // an unreachable cluster ends the replay within seconds instead of waiting minutes
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "streamlytics-replay");
        return props;
    }
}
