package io.streamlytics.app.cli;

import io.streamlytics.app.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServeOptionsTest {

    private static AppConfig parse(String... args) {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs(args);
        return serve.options.toConfig();
    }

    @Test
    void defaultsStartTheEmbeddedBrokerOn8080() {
        AppConfig config = parse();
        assertNull(config.bootstrapServers());
        assertTrue(config.embeddedBroker());
        assertEquals(8080, config.httpPort());
        assertEquals(6, config.partitions());
        assertEquals(Duration.ofHours(6), config.topology().dailyGrace());
        assertEquals(Duration.ofDays(30), config.topology().retention());
    }

    /** The builder's defaults are what tests and benchmarks start from: they must be what an operator gets from serve. */
    @Test
    void serveDefaultsAreTheConfigBuildersDefaults() {
        assertEquals(AppConfig.builder().build(), parse());
    }

    @Test
    void optionsReachTheConfig() {
        AppConfig config = parse("--bootstrap-servers", "k:9092", "--http-port", "9000", "--grace-daily", "2h",
                "--retention", "7d", "--topic-prefix", "t-", "--standby-replicas", "1");
        assertEquals("k:9092", config.bootstrapServers());
        assertEquals(9000, config.httpPort());
        assertEquals(Duration.ofHours(2), config.topology().dailyGrace());
        assertEquals("t-api-requests", config.topology().topics().apiRequests());
        assertEquals(1, config.standbyReplicas());
    }

    @Test
    void anOpenApiListensOnLoopbackUnlessAnAddressIsAskedFor() {
        String key = "k-0123456789abcdef0123456789abcdef";
        String internalKey = "i-0123456789abcdef0123456789abcdef";
        assertEquals("127.0.0.1", parse().httpHost(), "no API keys: reachable from this machine only");
        assertEquals("0.0.0.0", parse("--api-keys", key, "--internal-key", internalKey).httpHost());
        assertEquals("0.0.0.0", parse("--http-host", "0.0.0.0").httpHost());
        assertEquals("10.0.0.5", parse("--http-host", "10.0.0.5", "--api-keys", key, "--internal-key", internalKey).httpHost());
    }

    @Test
    void streamThreadsDefaultToOnePerCore() {
        assertEquals(Runtime.getRuntime().availableProcessors(), parse().streamThreads());
        assertEquals(3, parse("--stream-threads", "3").streamThreads());
        var negative = assertThrows(IllegalArgumentException.class, () -> parse("--stream-threads", "-1"));
        assertTrue(negative.getMessage().startsWith("stream-threads"), negative.getMessage());
    }

    @Test
    void kafkaConfigIsForAnExternalCluster(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("client.properties"), "security.protocol=SASL_SSL\n");
        assertEquals(Map.of("security.protocol", "SASL_SSL"),
                parse("--bootstrap-servers", "k:9092", "--kafka-config", file.toString()).kafkaProperties());
        var embedded = assertThrows(IllegalArgumentException.class, () -> parse("--kafka-config", file.toString()));
        assertTrue(embedded.getMessage().startsWith("kafka-config applies to an external cluster: give --bootstrap-servers too"),
                embedded.getMessage());
    }

    @Test
    void invalidSettingsFailFastNamingTheOption() {
        var retention = assertThrows(IllegalArgumentException.class, () -> parse("--retention", "12h"));
        assertTrue(retention.getMessage().startsWith("retention must be at least"), retention.getMessage());
        var port = assertThrows(IllegalArgumentException.class, () -> parse("--http-port", "70000"));
        assertTrue(port.getMessage().startsWith("http-port"), port.getMessage());
    }
}
