package io.streamlytics.app.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the topics the application reads and writes, on the embedded broker or any cluster. */
public final class TopicSetup {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicSetup() {
    }

    /**
     * Creates each missing topic with {@code partitions} partitions and waits until every partition
     * has a leader, so clients can use them at once. Existing topics are left as they are.
     *
     * @return the fewest replicas any partition of these topics has, whoever created them
     *
     * @param replicationFactor -1 for the broker's default
     * @param retention         {@code retention.ms} of the created topics: the application's retention, not the broker's default
     *                          <p>
     *                          Record time on these topics is the broker's append time: the broker deletes by record
     *                          time against its own clock, and records stamped with last year's event time (a
     *                          backfill, or the topology's output for it) would be deleted minutes after they were
     *                          written, taking the producers' sequence state with them. Event time is in every payload.
     */
    public static int ensure(KafkaConnection kafka, Collection<String> names, int partitions, short replicationFactor,
                             Duration retention) {
        var topics = names.stream()
                .map(name -> new NewTopic(name, Optional.of(partitions), replicationFactor == -1 ? Optional.empty() : Optional.of(replicationFactor))
                        .configs(configs(replicationFactor, retention)))
                .toList();
        try (Admin admin = admin(kafka)) {
            for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + created.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return awaitLeaders(admin, names).values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .mapToInt(partition -> partition.replicas().size()).min().orElse(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topics " + names, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not create topics " + names
                    + " within " + TIMEOUT.toSeconds() + " s: is it reachable?", e);
        }
    }

    /** Settings of the topics created here; with three replicas or more, acks=all means at least two of them. */
    static Map<String, String> configs(short replicationFactor, Duration retention) {
        Map<String, String> configs = new HashMap<>(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
        minInSyncReplicas(replicationFactor).ifPresent(min -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(min)));
        return Map.copyOf(configs);
    }

    /** With three replicas or more, every topic of ours (Kafka Streams' own included) needs two in sync: acks=all means two copies. */
    static OptionalInt minInSyncReplicas(short replicationFactor) {
        return replicationFactor >= 3 ? OptionalInt.of(2) : OptionalInt.empty();
    }

    // the controller acknowledges a new topic before the brokers' metadata knows its leaders
    private static Map<String, TopicDescription> awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean allLed = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (allLed) {
                    return descriptions;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e; // e.g. UnknownTopicOrPartition until metadata propagates
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("topics " + topics + " have no leader after " + TIMEOUT.toSeconds() + " s", last);
    }

    public static Admin admin(KafkaConnection kafka) {
        Properties props = kafka.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "20000");
        return Admin.create(props);
    }
}
