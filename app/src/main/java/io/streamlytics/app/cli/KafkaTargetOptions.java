package io.streamlytics.app.cli;

import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.topology.Topics;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where {@code generate} and {@code replay} write: a running cluster (they start no broker, so unlike serve's
 * their servers have a default), its client properties and the topic prefix. Declared once, mixed into both.
 */
public final class KafkaTargetOptions {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka to write to (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--kafka-config",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every Kafka client, as a properties file")
    Path kafkaConfig;

    @Option(names = "--topic-prefix", defaultValue = "", description = "prefix of topic names")
    String topicPrefix;

    /** The cluster with the file's client properties; a file that does not exist is a usage error. */
    KafkaConnection connection() {
        return new KafkaConnection(bootstrapServers, KafkaConnection.read(kafkaConfig));
    }

    Topics topics() {
        return new Topics(topicPrefix);
    }
}
