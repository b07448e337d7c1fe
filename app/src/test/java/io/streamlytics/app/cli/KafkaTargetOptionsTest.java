package io.streamlytics.app.cli;

import io.streamlytics.app.kafka.KafkaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** generate and replay write to a running cluster, local by default, with the client options serve takes too. */
class KafkaTargetOptionsTest {

    private static KafkaTargetOptions parse(String... args) {
        ReplayCommand replay = new ReplayCommand();
        CommandLine cli = new CommandLine(replay);
        cli.setDefaultValueProvider(new EnvironmentDefaults(Map.<String, String>of()::get));
        cli.parseArgs(args);
        return replay.kafkaTarget;
    }

    @Test
    void theServersDefaultToALocalBroker() {
        KafkaTargetOptions target = parse("api-requests", "events.ndjson");
        assertEquals(new KafkaConnection("127.0.0.1:9092", Map.of()), target.connection());
        assertEquals("api-requests", target.topics().input("api-requests"));
    }

    @Test
    void clientPropertiesAndPrefixReachTheConnectionAndTopics(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\n");
        KafkaTargetOptions target = parse("api-requests", "events.ndjson", "--bootstrap-servers", "k:9092",
                "--kafka-config", file.toString(), "--topic-prefix", "t-");
        assertEquals(new KafkaConnection("k:9092", Map.of("security.protocol", "SASL_SSL")), target.connection());
        assertEquals("t-api-requests", target.topics().input("api-requests"));
    }
}
