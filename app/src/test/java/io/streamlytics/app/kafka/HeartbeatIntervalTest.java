package io.streamlytics.app.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every round of a rebalance waits up to one heartbeat for the members: 3 s, or a third of a shorter session. */
class HeartbeatIntervalTest {
    @Test
    void kafkasThreeSecondsUnderTheDefaultSession() {
        assertEquals(3_000, KafkaClients.heartbeatIntervalMs(Duration.ofSeconds(45)));
        assertEquals(3_000, KafkaClients.heartbeatIntervalMs(Duration.ofMinutes(30)));
    }

    @Test
    void aThirdOfASessionTooShortForThreeHeartbeatsOfThreeSeconds() {
        assertEquals(2_000, KafkaClients.heartbeatIntervalMs(Duration.ofSeconds(6)));
        assertEquals(333, KafkaClients.heartbeatIntervalMs(Duration.ofSeconds(1)));
    }
}
