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
    @Option(names = "--bootstrap-servers", defaultValue = "${env:STREAMLYTICS_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka to write to (default: ${DEFAULT-VALUE}) [env STREAMLYTICS_BOOTSTRAP_SERVERS]")
    String bootstrapServers;

    @Option(names = "--kafka-config", defaultValue = "${env:STREAMLYTICS_KAFKA_CONFIG}",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*, ...) for every Kafka client, as a properties file [env STREAMLYTICS_KAFKA_CONFIG]")
    Path kafkaConfig;

    @Option(names = "--topic-prefix", defaultValue = "${env:STREAMLYTICS_TOPIC_PREFIX:-}", description = "prefix of topic names")
    String topicPrefix;

    /** The cluster with the file's client properties; a file that does not exist is a usage error. */
    KafkaConnection connection() {
        return new KafkaConnection(bootstrapServers, KafkaConnection.read(kafkaConfig));
    }

    Topics topics() {
        return new Topics(topicPrefix);
    }
}
