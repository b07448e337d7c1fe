package io.streamlytics.app.query;

import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A task counts as running from its processors' init to their close, the span in which its stores are
 * restored and open. TopologyTestDriver runs the whole topology as one task, 0_0, so a store of
 * sub-topology 0 is the one it makes running.
 */
class RunningTasksTest {
    private static final String SUBTOPOLOGY_0_STORE = "api-requests-stream-time";
    private static final String SUBTOPOLOGY_1_STORE = "customer-daily-stats-store";

    @TempDir
    Path stateDir;

    private final RunningTasks runningTasks = new RunningTasks();
    private final Topology topology = runningTasks.build(config -> StreamlyticsTopology.build(TopologyConfig.defaults(), SourceProgress.singlePartitions(), config));

    @Test
    void aPartitionAnswersOnlyWhileItsTaskRuns() {
        assertRestoring(() -> runningTasks.readRunning(SUBTOPOLOGY_0_STORE, 0, () -> "read"));
        try (TopologyTestDriver driver = startTask()) {
            assertEquals("read", runningTasks.readRunning(SUBTOPOLOGY_0_STORE, 0, () -> "read"));
            assertEquals(Map.of(0, runningTasks.runningPartitions(SUBTOPOLOGY_0_STORE).get(0)),
                    runningTasks.runningPartitions(SUBTOPOLOGY_0_STORE));
            assertRestoring(() -> runningTasks.readRunning(SUBTOPOLOGY_0_STORE, 1, () -> "read"));
            assertRestoring(() -> runningTasks.readRunning(SUBTOPOLOGY_1_STORE, 0, () -> "read"));
        }
        assertRestoring(() -> runningTasks.readRunning(SUBTOPOLOGY_0_STORE, 0, () -> "read"));
        assertTrue(runningTasks.runningPartitions(SUBTOPOLOGY_0_STORE).isEmpty());
    }

    @Test
    void aReadDuringWhichTheTaskRestartsIsRefused() {
        AtomicReference<TopologyTestDriver> driver = new AtomicReference<>(startTask());
        try {
            assertRestoring(() -> runningTasks.readRunning(SUBTOPOLOGY_0_STORE, 0, () -> {
                // what a corrupt task goes through: closed, wiped, restored and running again
                driver.get().close();
                driver.set(startTask());
                return "read while restarting";
            }));
            long generation = runningTasks.runningPartitions(SUBTOPOLOGY_0_STORE).get(0);
            assertTrue(runningTasks.stillRunning(SUBTOPOLOGY_0_STORE, 0, generation));
            driver.get().close();
            driver.set(startTask());
            assertTrue(!runningTasks.stillRunning(SUBTOPOLOGY_0_STORE, 0, generation), "a restart must change the generation");
        } finally {
            driver.get().close();
        }
    }

    @Test
    void aReadThatFailsWhileTheTaskStopsIsRefusedAsRestoring() {
        TopologyTestDriver driver = startTask();
        QueryFailure.Restoring refused = assertThrows(QueryFailure.Restoring.class, () -> runningTasks.readRunning(SUBTOPOLOGY_0_STORE, 0, () -> {
            driver.close();
            throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.CUSTOMER, "wiped");
        }));
        assertEquals(0, refused.partition());
    }

    private TopologyTestDriver startTask() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "running-tasks-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return new TopologyTestDriver(topology, props);
    }

    private static void assertRestoring(org.junit.jupiter.api.function.Executable read) {
        assertThrows(QueryFailure.Restoring.class, read);
    }
}
