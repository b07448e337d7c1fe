package io.streamlytics.topology.flyer;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UserTotalsSerdeTest {
    private final UserTotalsSerde serde = new UserTotalsSerde();

    @Test
    void readsWhatItWrites() {
        UserTotals totals = new UserTotals(new FlyerCounts(3, 5_400_000, 1, 2), 1_725_000_000_000L);
        assertEquals(totals, serde.deserialize("t", serde.serialize("t", totals)));
    }

    @Test
    void readsTheEarlierFormatOfCountsAloneWithAnUnknownActivity() {
        byte[] countsOnly = ByteBuffer.allocate(1 + 4 * Long.BYTES).put((byte) 1)
                .putLong(3).putLong(5_400_000).putLong(1).putLong(2).array();
        assertEquals(new UserTotals(new FlyerCounts(3, 5_400_000, 1, 2), UserTotals.ACTIVITY_UNKNOWN),
                serde.deserialize("t", countsOnly));
    }

    @Test
    void refusesAnUnknownVersion() {
        assertThrows(SerializationException.class, () -> serde.deserialize("t", new byte[]{9, 0, 0}));
    }
}
