package io.streamlytics.topology.sketch;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unique-count sketch's store forms; its accuracy is tested where the merchant report uses it. */
class UniqueCountTest {

    private static byte[] bytes(UniqueCount count) throws IOException {
        var out = new ByteArrayOutputStream();
        count.write(new DataOutputStream(out));
        return out.toByteArray();
    }

    private static UniqueCount read(byte[] bytes) throws IOException {
        return UniqueCount.read(new DataInputStream(new ByteArrayInputStream(bytes)));
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
