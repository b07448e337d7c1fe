package io.streamlytics.app.http;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /health fails once the streams client has stopped for good, so that an orchestrator restarts the process. */
class HealthTest {
    @ParameterizedTest
    @EnumSource(KafkaStreams.State.class)
    void aliveUnlessTheStreamsClientGaveUp(KafkaStreams.State state) {
        boolean gaveUp = state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.ERROR
                || state == KafkaStreams.State.NOT_RUNNING;
        assertEquals(!gaveUp, HttpApi.alive(state), state.name());
    }
}
