package io.streamlytics.topology;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins the topology's shape: processor, store and topic names are part of the running state (changelog and
 * repartition topics, RocksDB directories, IQ store names). A rename must be a deliberate change: update
 * {@code src/test/resources/topology-description.txt} and plan the migration (new application.id or reset).
 */
class TopologyDescriptionTest {

    private static String expected() throws IOException {
        try (InputStream in = TopologyDescriptionTest.class.getResourceAsStream("/topology-description.txt")) {
            assertNotNull(in, "topology-description.txt on the test classpath");
            return normalise(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").strip() + "\n";
    }

    @Test
    void describeMatchesTheCheckedInText() throws IOException {
        String actual = normalise(StreamlyticsTopology.build(TopologyConfig.defaults()).describe().toString());
        assertEquals(expected(), actual, "the topology changed; if on purpose, replace src/test/resources/"
                + "topology-description.txt with the actual text and mind the state of running instances");
    }

    @Test
    void configurationValuesDoNotChangeTheShape() throws IOException {
        var other = new TopologyConfig("", Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofDays(2), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofMillis(200), Duration.ofMinutes(1));
        assertEquals(expected(), normalise(StreamlyticsTopology.build(other).describe().toString()));
    }

    @Test
    void topicPrefixRenamesOnlyTheExternalTopics() throws IOException {
        var prefixed = new TopologyConfig("acme.", Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));
        String expected = expected()
                .replace("topics: [api-requests]", "topics: [acme.api-requests]")
                .replace("(topic: dead-letters)", "(topic: acme.dead-letters)")
                .replace("(topic: late-events)", "(topic: acme.late-events)")
                .replace("(topic: customer-daily-stats)", "(topic: acme.customer-daily-stats)");
        assertEquals(expected, normalise(StreamlyticsTopology.build(prefixed).describe().toString()));
    }
}
