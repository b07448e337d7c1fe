package io.streamlytics.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.ingest.IngestTopic;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.kafka.KafkaReachability;
import io.streamlytics.topology.Topics;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.topology.events.InvalidEventException;
import io.streamlytics.topology.events.SparkEventParser;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

@Command(name = "replay", mixinStandardHelpOptions = true,
        defaultValueProvider = EnvironmentDefaults.class, footer = EnvironmentDefaults.RULE,
        description = {"Publish NDJSON files or Spark event logs (files, folders, .gz) into a topic, line by line, unchanged.",
                "Spark event-log lines are keyed by their application id (from SparkListenerApplicationStart, else the file name).",
                "Exit codes: 0 done, 1 Kafka failed, 2 usage (unknown topic, missing file)."})
public final class ReplayCommand implements Callable<Integer> {
    /** Lines read ahead of the first send while looking for an event log's SparkListenerApplicationStart. */
    private static final int APP_START_LOOKAHEAD = 1000;
    private static final Duration REACH_TIMEOUT = Duration.ofSeconds(10);

    @Parameters(index = "0", description = "topic: api-requests, spark-events, user-events or app-logs")
    String topic;

    @Parameters(index = "1..*", arity = "1..*", description = "NDJSON files, Spark event logs, or folders of them")
    List<Path> paths;

    @Mixin
    KafkaTargetOptions kafkaTarget;

    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final LongAdder bytesRead = new LongAdder();
    private long kibReported;
    private ProgressReporter progress;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        IngestTopic<?> ingestTopic = IngestTopic.named(topic).orElseThrow(() -> new IllegalArgumentException(
                "unknown topic '" + topic + "': one of " + String.join(", ", IngestTopic.SUPPORTED.keySet())));
        List<Path> files = ReplayFiles.expand(paths);
        KafkaConnection kafka = kafkaTarget.connection();
        KafkaReachability.require(kafka, REACH_TIMEOUT);
        long started = System.nanoTime();
        progress = ProgressReporter.to(spec.commandLine().getOut(), "KiB read");
        String target = kafkaTarget.topics().input(topic);
        try (var producer = new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new ByteArraySerializer())) {
            progress.start(ReplayFiles.totalBytes(files) / 1024);
            for (Path file : files) {
                replay(file, ingestTopic, target, producer);
            }
            producer.flush();
            throwIfFailed();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read: " + e.getMessage(), e);
        } catch (KafkaException | IllegalStateException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " failed after " + acknowledged.get()
                    + " events: " + e.getMessage(), e);
        }
        progress.finish();
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        spec.commandLine().getOut().printf("replayed %,d events into %s in %.1f s (%,.0f events/s)%n",
                acknowledged.get(), target, seconds, acknowledged.get() / seconds);
        return 0;
    }

    private void replay(Path file, IngestTopic<?> ingestTopic, String target, KafkaProducer<String, byte[]> producer) throws IOException {
        try (BufferedReader lines = ReplayFiles.open(file, bytesRead)) {
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
        long kib = bytesRead.sum() / 1024;
        if (kib > kibReported) {
            progress.advance(kib - kibReported);
            kibReported = kib;
        }
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

    private static Properties producerProps(KafkaConnection kafka) {
        Properties props = kafka.clientProperties();
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
