package io.streamlytics.app.cli;

import io.streamlytics.app.kafka.KafkaConnection;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * What every command that talks to Kafka takes besides the servers: client properties and the topic prefix.
 * Declared once, mixed into serve's options and into generate's and replay's; the servers stay apart, since only
 * serve starts a broker when they are not given.
 */
public final class KafkaClientOptions {
    @Option(names = "--kafka-config",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every Kafka client, as a properties file")
    Path kafkaConfig;

    @Option(names = "--topic-prefix", defaultValue = "", description = "prefix of every topic name (default: none)")
    String topicPrefix;

    /** The file's client properties, none without a file; a file that does not exist is a usage error. */
    Map<String, String> properties() {
        return KafkaConnection.read(kafkaConfig);
    }
}
