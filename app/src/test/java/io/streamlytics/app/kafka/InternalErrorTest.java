package io.streamlytics.app.kafka;

import io.streamlytics.app.AppConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With the streams settings the service runs with, an exception inside a processor (a store, a serde, a bug) fails the
 * task instead of skipping the record: skipping it would lose an event that ingest already acknowledged.
 */
class InternalErrorTest {
    @Test
    void anExceptionInAProcessorFailsTheTaskAndNothingIsDeadLettered(@TempDir Path stateDir) {
        AppConfig config = AppConfig.builder().bootstrapServers("127.0.0.1:1").httpPort(0).stateDir(stateDir)
                .applicationId("internal-error").partitions(1).embeddedKafkaDir(stateDir).embeddedKafkaPort(0).streamThreads(1)
                .maxRequestBytes(1_000_000).ingestTimeout(Duration.ofSeconds(2)).build();
        String deadLetters = config.topology().topics().deadLetters();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> {
                    if (value.equals("internal error")) {
                        throw new IllegalStateException("a store failed");
                    }
                    return value;
                })
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = KafkaClients.streams(config, KafkaConnection.of("127.0.0.1:1"), new HostInfo("127.0.0.1", 8080));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            var in = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            var deadLettersTopic = driver.createOutputTopic(deadLetters, new StringDeserializer(), new StringDeserializer());
            in.pipeInput("k", "fine");
            assertThrows(StreamsException.class, () -> in.pipeInput("k", "internal error"));
            assertTrue(deadLettersTopic.isEmpty(), "the record must not be set aside as if it were bad input");
        }
    }
}
