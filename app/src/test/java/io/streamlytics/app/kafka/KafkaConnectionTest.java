package io.streamlytics.app.kafka;

import io.streamlytics.app.AppConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The --kafka-config file: read once, refused with a message naming it, and applied under the product's own settings. */
class KafkaConnectionTest {
    @TempDir
    Path dir;

    @Test
    void aFileOfClientPropertiesIsReadAsItIs() throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), """
                # a comment
                security.protocol=SASL_SSL
                sasl.mechanism=SCRAM-SHA-512
                ssl.truststore.location=/etc/kafka/truststore.jks
                """);
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/kafka/truststore.jks"), KafkaConnection.read(file));
        assertEquals(Map.of(), KafkaConnection.read(null));
    }

    @Test
    void aMissingFileOrOneNamingServersIsRefusedNamingTheFile() throws IOException {
        Path missing = dir.resolve("missing.properties");
        var notThere = assertThrows(IllegalArgumentException.class, () -> KafkaConnection.read(missing));
        assertEquals("kafka-config " + missing + " does not exist", notThere.getMessage());

        Path withServers = Files.writeString(dir.resolve("servers.properties"), "bootstrap.servers=elsewhere:9092\n");
        var servers = assertThrows(IllegalArgumentException.class, () -> KafkaConnection.read(withServers));
        assertEquals("kafka-config " + withServers + " sets bootstrap.servers: give the servers with --bootstrap-servers",
                servers.getMessage());
    }

    @Test
    void theFileReachesTheStreamsClientsButTheProductsOwnSettingsWin(@TempDir Path stateDir) {
        KafkaConnection kafka = new KafkaConnection("k:9092", Map.of("security.protocol", "SASL_SSL",
                "processing.guarantee", "at_least_once", "application.id", "someone-else",
                "enable.transactional.statestores", "true"));
        AppConfig config = AppConfig.builder().bootstrapServers("k:9092").kafkaProperties(kafka.properties()).httpPort(0)
                .stateDir(stateDir).applicationId("mine").partitions(1).embeddedKafkaDir(stateDir).embeddedKafkaPort(0).streamThreads(1)
                .maxRequestBytes(1_000_000).ingestTimeout(Duration.ofSeconds(2)).build();
        Properties props = KafkaClients.streams(config, kafka, new HostInfo("127.0.0.1", 8080));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("k:9092", props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("mine", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(false, props.get(StreamsConfig.TRANSACTIONAL_STATE_STORES_CONFIG), "Kafka 4.4.0's transactional stores can crash the JVM");
    }
}
