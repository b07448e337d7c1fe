package io.streamlytics.app.cli;

import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.topology.Topics;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where {@code generate} and {@code replay} write: a running cluster (they start no broker, so unlike serve's
 * their servers have a default) and the client options every command shares. Declared once, mixed into both.
 */
public final class KafkaTargetOptions {
    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka to write to (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Mixin
    KafkaClientOptions kafkaClient;

    /** The cluster with the file's client properties; a file that does not exist is a usage error. */
    KafkaConnection connection() {
        return new KafkaConnection(bootstrapServers, kafkaClient.properties());
    }

    Topics topics() {
        return new Topics(kafkaClient.topicPrefix);
    }
}
