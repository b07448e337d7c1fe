package io.streamlytics.app.kafka;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RepartitionTopicsTest {
    private static final Map<String, Integer> EXTERNAL = Map.of("narrow", 3, "wide", 8, "other", 6, "out", 1);

    /** narrow + wide → by-key → again (chained); other → by-other. */
    private static org.apache.kafka.streams.TopologyDescription topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> both = builder.stream(Set.of("narrow", "wide"), Consumed.with(Serdes.String(), Serdes.String()));
        both.repartition(Repartitioned.<String, String>as("by-key").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .repartition(Repartitioned.<String, String>as("again").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        builder.stream("other", Consumed.with(Serdes.String(), Serdes.String()))
                .repartition(Repartitioned.<String, String>as("by-other").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build().describe();
    }

    @Test
    void aRepartitionTopicHasAsManyPartitionsAsTheWidestSourceOfWhatWritesIt() {
        Map<String, Integer> partitions = RepartitionTopics.partitions(topology(), topics -> {
            assertEquals(Set.of("narrow", "wide", "other"), topics, "only the sources that are not repartition topics are looked up");
            return EXTERNAL;
        });
        assertEquals(Map.of("by-key-repartition", 8, "again-repartition", 8, "by-other-repartition", 6), partitions);
    }

    @Test
    void aSubTopologyReadingTheTopicItWritesCountsItsOtherSources() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> loop = builder.stream("other", Consumed.with(Serdes.String(), Serdes.String()))
                .repartition(Repartitioned.<String, String>as("by-app").withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
        // the repartitioned stream is read back into the sub-topology that writes it, merged with the input
        builder.stream("narrow", Consumed.with(Serdes.String(), Serdes.String())).merge(loop)
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Map<String, Integer> partitions = RepartitionTopics.partitions(builder.build().describe(), topics -> EXTERNAL);
        assertEquals(Map.of("by-app-repartition", 6), partitions);
    }

    @Test
    void theWholeTopologyOfTheProductIsCounted() {
        var topology = StreamlyticsTopology.build(TopologyConfig.defaults()).describe();
        Map<String, Integer> partitions = RepartitionTopics.partitions(topology, topics -> {
            Map<String, Integer> six = new HashMap<>();
            topics.forEach(topic -> six.put(topic, 6));
            return six;
        });
        // every repartition topic of the pinned topology-description.txt, each as wide as the inputs
        assertEquals(Set.of("api-requests-by-customer-repartition", "endpoint-minutes-by-endpoint-repartition",
                "app-logs-by-app-bucket-repartition", "user-events-by-user-repartition", "merchant-deltas-by-merchant-repartition",
                "spark-events-by-app-repartition", "spark-events-by-job-repartition", "spark-summary-changes-by-day-repartition"),
                partitions.keySet());
        assertEquals(Set.of(6), Set.copyOf(partitions.values()));
    }

    @Test
    void aSourceOfUnknownPartitionsIsAnErrorNotAGuess() {
        assertThrows(IllegalStateException.class, () -> RepartitionTopics.partitions(topology(), topics -> Map.of("other", 6)));
    }

    @Test
    void theTopicsAreSetUpAsKafkaStreamsSetsUpItsOwn() {
        assertEquals(Map.of("cleanup.policy", "delete", "segment.bytes", "52428800", "retention.ms", "-1",
                "message.timestamp.type", "CreateTime"), RepartitionTopics.configs((short) 1));
        assertEquals("2", RepartitionTopics.configs((short) 3).get("min.insync.replicas"));
    }
}
