package io.streamlytics.topology;

import io.streamlytics.topology.apirequests.anomalies.AnomalySettings;
import io.streamlytics.topology.applogs.AppLogSettings;
import io.streamlytics.topology.flyer.FlyerSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins the topology's shape: processor, store and topic names are part of the running state (changelog and
 * repartition topics, RocksDB directories, IQ store names). A rename must be a deliberate change: update
 * {@code src/test/resources/topology-description.txt} and plan the migration (new application.id or reset).
 */
class TopologyDescriptionTest {
    /** {@code mvn -pl topology test -Dtest=TopologyDescriptionTest -Dtopology.description.update=true} rewrites the pinned text. */
    private static final String UPDATE_PROPERTY = "topology.description.update";

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
        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(Path.of("src/test/resources/topology-description.txt"), actual);
            return;
        }
        assertEquals(expected(), actual, "the topology changed; if on purpose, rerun with -D" + UPDATE_PROPERTY
                + "=true to rewrite src/test/resources/topology-description.txt, and mind the state of running instances");
    }

    @Test
    void configurationValuesDoNotChangeTheShape() throws IOException {
        var other = TopologyConfig.builder().windowGrace(Duration.ofMinutes(30)).dailyGrace(Duration.ofHours(1))
                .retention(Duration.ofDays(2)).dedupWindow(Duration.ofMinutes(5)).watermarkStep(Duration.ofSeconds(10))
                .watermarkPeriod(Duration.ofMillis(200)).sourceIdleTimeout(Duration.ofMinutes(1))
                .anomalies(new AnomalySettings(3, 5, 4)).flyer(new FlyerSettings(Duration.ofHours(1)))
                .appLogs(new AppLogSettings(Duration.ofHours(2))).build();
        assertEquals(expected(), normalise(StreamlyticsTopology.build(other).describe().toString()));
    }

    @Test
    void topicPrefixRenamesOnlyTheExternalTopics() throws IOException {
        TopologyConfig defaults = TopologyConfig.defaults();
        var prefixed = TopologyConfig.builder().topicPrefix("acme.").build();
        String expected = expected();
        List<String> external = new ArrayList<>(defaults.topics().inputs());
        external.addAll(defaults.topics().outputs());
        // only inside "(topic: …)" of sinks and "(topics: […])" of sources; processors may share a topic's name
        expected = Pattern.compile("\\(topics?: [^)]*\\)").matcher(expected).replaceAll(match -> {
            String topicsText = match.group();
            for (String topic : external) {
                topicsText = topicsText.replaceAll("(?<=[\\[ ])" + Pattern.quote(topic) + "(?=[\\],)])", "acme." + topic);
            }
            return java.util.regex.Matcher.quoteReplacement(topicsText);
        });
        assertEquals(sortTopicLists(expected), sortTopicLists(normalise(StreamlyticsTopology.build(prefixed).describe().toString())));
    }

    /** A source's topics are listed in no fixed order once renamed; sorted, the lists compare. */
    private static String sortTopicLists(String description) {
        return Pattern.compile("\\(topics: \\[([^]]*)]\\)").matcher(description).replaceAll(match ->
                java.util.regex.Matcher.quoteReplacement("(topics: [" + String.join(", ",
                        new java.util.TreeSet<>(List.of(match.group(1).split(", ")))) + "])"));
    }
}
