package io.streamlytics.app.kafka;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** With three replicas or more, a topic the service creates acknowledges a write only once two replicas hold it. */
class TopicSetupTest {
    @Test
    void threeReplicasMeanTwoInSync() {
        assertEquals("2", TopicSetup.configs((short) 3, Duration.ofDays(30)).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        assertEquals("2", TopicSetup.configs((short) 5, Duration.ofDays(30)).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
    }

    @Test
    void fewerReplicasOrTheBrokersDefaultKeepTheBrokersSetting() {
        assertNull(TopicSetup.configs((short) 1, Duration.ofDays(30)).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        assertNull(TopicSetup.configs((short) 2, Duration.ofDays(30)).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                "two in sync out of two would stop every write while one broker is down");
        assertNull(TopicSetup.configs((short) -1, Duration.ofDays(30)).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG));
        assertEquals(Long.toString(Duration.ofDays(30).toMillis()), TopicSetup.configs((short) -1, Duration.ofDays(30))
                .get(TopicConfig.RETENTION_MS_CONFIG));
    }
}
