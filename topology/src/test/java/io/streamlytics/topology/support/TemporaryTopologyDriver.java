package io.streamlytics.topology.support;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/** A {@link TopologyTestDriver} over the whole topology, in a temporary state directory of its own that closing deletes. */
public final class TemporaryTopologyDriver implements AutoCloseable {
    private final Path stateDir;
    private final TopologyTestDriver driver;

    public TemporaryTopologyDriver(TopologyConfig config, Instant wallClock) {
        try {
            this.stateDir = Files.createTempDirectory("ttd-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "ttd-" + UUID.randomUUID());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.driver = new TopologyTestDriver(StreamlyticsTopology.build(config), props, wallClock);
    }

    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            try (Stream<Path> paths = Files.walk(stateDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
