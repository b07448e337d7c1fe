package io.streamlytics.app.kafka;

import org.apache.kafka.clients.CommonClientConfigs;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How every Kafka client of a command reaches the cluster: its bootstrap servers and the client properties of
 * {@code --kafka-config} ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}, …), as Kafka's own tools take
 * {@code --command-config}. Each client starts from {@link #clientProperties()} and puts its own settings over them.
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> properties) {
    public KafkaConnection {
        properties = Map.copyOf(properties);
    }

    /** A cluster reached with Kafka's default client settings (plaintext, no authentication). */
    public static KafkaConnection of(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /** A fresh set of the file's properties and {@code bootstrap.servers}, for one client to add its own settings to. */
    public Properties clientProperties() {
        Properties props = new Properties();
        props.putAll(properties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** Whether the file chose how to connect; without it a secured listener just looks unreachable. */
    boolean securityConfigured() {
        return properties.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    }

    /**
     * The client properties of a {@code --kafka-config} file (Java properties format), none when {@code file} is null.
     * The servers come from {@code --bootstrap-servers} only: a file naming others would be ambiguous, so it is refused.
     */
    public static Map<String, String> read(Path file) {
        if (file == null) {
            return Map.of();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("kafka-config " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("kafka-config " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (props.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("kafka-config " + file + " sets bootstrap.servers: give the servers with --bootstrap-servers");
        }
        Map<String, String> read = new TreeMap<>();
        props.stringPropertyNames().forEach(name -> read.put(name, props.getProperty(name)));
        return read;
    }
}
