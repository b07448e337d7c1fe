package io.streamlytics.app.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.TopologyDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Creates a topology's repartition topics before its instance first joins the group. Otherwise the group's
 * leader creates them while assigning, every consumer's metadata then changes, and the group rebalances a
 * second time, which holds threads that are ready back until every other thread has initialised its tasks.
 * Partitions and settings are the ones Kafka Streams gives them itself (checked against Kafka Streams 4.4.0:
 * {@code RepartitionTopics} and {@code RepartitionTopicConfig}); Kafka Streams then finds them and checks their
 * partition count, so a mistake here stops the instance with Kafka Streams' own message, not silently.
 * Changelogs are left to Kafka Streams: no consumer of the group subscribes to them.
 */
public final class RepartitionTopics {
    private static final Logger LOG = LoggerFactory.getLogger(RepartitionTopics.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SUFFIX = "-repartition";

    private RepartitionTopics() {
    }

    /**
     * Each repartition topic of {@code topology} (as the description names it, without the application id) and its
     * partitions: as many as the most partitioned source of the sub-topologies that write it, the way Kafka Streams
     * counts them for a repartition without a partition count of its own, as every one of ours is.
     *
     * @param partitionsOf partitions of each topic that is not a repartition topic
     */
    public static Map<String, Integer> partitions(TopologyDescription topology, Function<Set<String>, Map<String, Integer>> partitionsOf) {
        Set<String> sources = new HashSet<>();
        Set<String> sinks = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            sources.addAll(sources(subtopology));
            sinks.addAll(sinks(subtopology));
        }
        Set<String> repartitions = new HashSet<>();
        for (String topic : sinks) {
            if (sources.contains(topic) && topic.endsWith(SUFFIX)) {
                repartitions.add(topic);
            }
        }
        Set<String> external = new HashSet<>(sources);
        external.removeAll(repartitions);
        Map<String, Integer> known = new HashMap<>(partitionsOf.apply(external));
        Map<String, Integer> counted = new HashMap<>();
        // a repartition topic written from another repartition topic's sub-topology is counted once that one is
        boolean progressed = true;
        while (counted.size() < repartitions.size() && progressed) {
            progressed = false;
            for (String topic : repartitions) {
                if (counted.containsKey(topic)) {
                    continue;
                }
                Optional<Integer> count = widestWriterSource(topology, topic, known, repartitions);
                if (count.isPresent()) {
                    counted.put(topic, count.get());
                    known.put(topic, count.get());
                    progressed = true;
                }
            }
        }
        if (counted.size() < repartitions.size()) {
            Set<String> unknown = new HashSet<>(repartitions);
            unknown.removeAll(counted.keySet());
            throw new IllegalStateException("cannot count the partitions of " + unknown + ": their sources' partitions are unknown");
        }
        return counted;
    }

    /**
     * Creates the repartition topics of {@code topology} that do not exist yet, named as Kafka Streams names them
     * ({@code <application id>-<name>}). A failure (no permission to create topics, say) is logged and left to Kafka
     * Streams, which creates them itself as before.
     */
    public static void create(KafkaConnection kafka, TopologyDescription topology, String applicationId, short replicationFactor) {
        try (Admin admin = TopicSetup.admin(kafka)) {
            Map<String, Integer> partitions = partitions(topology, topics -> describe(admin, topics));
            List<NewTopic> topics = partitions.entrySet().stream()
                    .map(topic -> new NewTopic(applicationId + "-" + topic.getKey(), Optional.of(topic.getValue()),
                            replicationFactor == -1 ? Optional.empty() : Optional.of(replicationFactor)).configs(configs(replicationFactor)))
                    .toList();
            for (var created : admin.createTopics(topics).values().entrySet()) {
                try {
                    created.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warn("Could not create {} ahead of Kafka Streams ({}); it will create it while the group forms",
                                created.getKey(), e.getCause().getMessage());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Could not create the repartition topics ahead of Kafka Streams ({}); it will create them while the group forms",
                    e.getMessage());
        }
    }

    /** Kafka Streams' settings of a repartition topic (it purges what it has read, so nothing expires by time). */
    static Map<String, String> configs(short replicationFactor) {
        Map<String, String> configs = new HashMap<>(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.SEGMENT_BYTES_CONFIG, "52428800", TopicConfig.RETENTION_MS_CONFIG, "-1",
                TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
        TopicSetup.minInSyncReplicas(replicationFactor)
                .ifPresent(min -> configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(min)));
        return Map.copyOf(configs);
    }

    /**
     * The most partitions among the sources of the sub-topologies writing {@code topic}; a repartition topic not counted yet
     * is passed over, as Kafka Streams does (a sub-topology may read a topic it writes itself); empty while none is known.
     */
    private static Optional<Integer> widestWriterSource(TopologyDescription topology, String topic, Map<String, Integer> known,
                                                        Set<String> repartitions) {
        int widest = 0;
        for (TopologyDescription.Subtopology subtopology : topology.subtopologies()) {
            if (!sinks(subtopology).contains(topic)) {
                continue;
            }
            for (String source : sources(subtopology)) {
                Integer count = known.get(source);
                if (count == null && !repartitions.contains(source)) {
                    return Optional.empty();
                }
                widest = count == null ? widest : Math.max(widest, count);
            }
        }
        return widest == 0 ? Optional.empty() : Optional.of(widest);
    }

    private static Set<String> sources(TopologyDescription.Subtopology subtopology) {
        return topics(subtopology, node -> node instanceof TopologyDescription.Source source && source.topicSet() != null
                ? source.topicSet() : Set.of());
    }

    /** A sink choosing its topic per record (a TopicNameExtractor) names none: ours choose between late-events and dead-letters, never a repartition topic. */
    private static Set<String> sinks(TopologyDescription.Subtopology subtopology) {
        return topics(subtopology, node -> node instanceof TopologyDescription.Sink sink && sink.topic() != null
                ? Set.of(sink.topic()) : Set.of());
    }

    private static Set<String> topics(TopologyDescription.Subtopology subtopology, Function<TopologyDescription.Node, Set<String>> topicsOf) {
        Set<String> topics = new HashSet<>();
        subtopology.nodes().forEach(node -> topics.addAll(topicsOf.apply(node)));
        return topics;
    }

    private static Map<String, Integer> describe(Admin admin, Set<String> topics) {
        try {
            Map<String, Integer> partitions = new HashMap<>();
            for (Map.Entry<String, TopicDescription> topic : admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
                partitions.put(topic.getKey(), topic.getValue().partitions().size());
            }
            return partitions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted describing " + topics, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
        }
    }
}
