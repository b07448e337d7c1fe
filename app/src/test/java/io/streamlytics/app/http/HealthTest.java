package io.streamlytics.app.http;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /health fails once the streams client has stopped for good, so that an orchestrator restarts the process. */
class HealthTest {
    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"PENDING_ERROR", "ERROR", "NOT_RUNNING"})
    void aStreamsClientThatGaveUpIsNotAlive(KafkaStreams.State state) {
        assertFalse(HttpApi.alive(state), state.name());
    }

    @ParameterizedTest
    @EnumSource(value = KafkaStreams.State.class, names = {"CREATED", "REBALANCING", "RUNNING", "PENDING_SHUTDOWN"})
    void startingRebalancingRunningOrShuttingDownIsAlive(KafkaStreams.State state) {
        assertTrue(HttpApi.alive(state), state.name());
    }
}
