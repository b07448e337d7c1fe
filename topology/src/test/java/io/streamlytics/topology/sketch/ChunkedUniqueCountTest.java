package io.streamlytics.topology.sketch;

import com.dynatrace.hash4j.distinctcount.UltraLogLog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unique users as the merchant report keeps them: chunks fetched from and written back to a store
 * (here a map of copies), one update at a time.
 */
class ChunkedUniqueCountTest {

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 20240903L, -7L})
    void hundredThousandDistinctUsersWithinTwoPercentAndExactlyAsOneWholeSketch(long seed) {
        Random random = new Random(seed);
        ChunkedUniqueCount counter = new ChunkedUniqueCount();
        Map<Integer, byte[]> store = new HashMap<>();
        UltraLogLog whole = UltraLogLog.create(ChunkedUniqueCount.PRECISION);
        int writes = 0;
        int adds = 0;
        for (int i = 0; i < 100_000; i++) {
            String user = new UUID(random.nextLong(), random.nextLong()).toString();
            int visits = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            for (int v = 0; v < visits; v++, adds++) {
                long hash = ChunkedUniqueCount.hash(user);
                int chunkIndex = ChunkedUniqueCount.chunkOf(hash);
                byte[] stored = store.get(chunkIndex);
                byte[] chunk = stored == null ? new byte[ChunkedUniqueCount.CHUNK_SIZE] : stored.clone();
                if (counter.add(chunk, hash)) {
                    store.put(chunkIndex, chunk);
                    writes++;
                }
                whole.add(hash);
            }
        }
        long estimate = ChunkedUniqueCount.estimate(store::get);
        double error = Math.abs(estimate - 100_000) / 100_000.0;
        assertTrue(error <= 0.02, "seed=" + seed + ": unique users " + estimate + " is " + error * 100 + "% off 100000");
        assertEquals(Math.round(whole.getDistinctCountEstimate()), estimate, "seed=" + seed + ": chunks lose nothing");
        assertTrue(writes < adds / 2, "seed=" + seed + ": most updates change no register (" + writes + " of " + adds + ")");
    }

    @ParameterizedTest(name = "{0} users")
    @ValueSource(ints = {0, 1, 37, 500})
    void smallCountsAreWithinOnePercent(int users) {
        ChunkedUniqueCount counter = new ChunkedUniqueCount();
        Map<Integer, byte[]> store = new HashMap<>();
        for (int i = 0; i < users; i++) {
            long hash = ChunkedUniqueCount.hash("user-" + i);
            byte[] chunk = store.computeIfAbsent(ChunkedUniqueCount.chunkOf(hash), c -> new byte[ChunkedUniqueCount.CHUNK_SIZE]);
            counter.add(chunk, hash);
        }
        assertEquals(users, ChunkedUniqueCount.estimate(store::get), users / 100.0);
    }
}
