package io.streamlytics.topology.sketch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UniqueCountTest {

    private static byte[] bytes(UniqueCount count) throws IOException {
        var out = new ByteArrayOutputStream();
        count.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static UniqueCount read(byte[] bytes) throws IOException {
        return UniqueCount.read(new DataInputStream(new ByteArrayInputStream(bytes)));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 2L, 3L})
    void hundredThousandDistinctUsersWithinTwoPercentAcrossStoreRoundTrips(long seed) throws IOException {
        java.util.Random random = new java.util.Random(seed);
        UniqueCount count = new UniqueCount();
        for (int i = 1; i <= 100_000; i++) {
            String user = new UUID(random.nextLong(), random.nextLong()).toString();
            count.add(user);
            if (random.nextInt(5) == 0) {
                count.add(user); // seen again: no change
            }
            if (i % 10_000 == 0) {
                count = read(bytes(count));
            }
        }
        double error = Math.abs(count.estimate() - 100_000) / 100_000.0;
        assertTrue(error <= 0.02, "seed=" + seed + ": estimate " + count.estimate() + " is " + error * 100 + "% off");
    }

    @Test
    void aSmallCountIsWrittenSparseAndReadBackTheSame() throws IOException {
        UniqueCount count = new UniqueCount();
        for (int i = 0; i < 50; i++) {
            count.add("user-" + i);
        }
        byte[] written = bytes(count);
        assertTrue(written.length < 200, "50 users take " + written.length + " bytes");
        assertEquals(50, count.estimate());
        assertEquals(count.estimate(), read(written).estimate());
    }

    @Test
    void aLargeCountIsWrittenDenseAndReadBackTheSame() throws IOException {
        UniqueCount count = new UniqueCount();
        for (int i = 0; i < 50_000; i++) {
            count.add("user-" + i);
        }
        byte[] written = bytes(count);
        assertEquals(1 + (1 << UniqueCount.PRECISION), written.length);
        assertEquals(count.estimate(), read(written).estimate());
    }
}
