package io.streamlytics.topology.sketch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sum of durations is exact however many are added or merged, and survives its store format. */
class DurationSummaryTest {
    private static final double ONE_DAY_MS = 86_400_000;

    private static DurationSummary roundTrip(DurationSummary summary) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.write(new DataOutputStream(bytes));
        return DurationSummary.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    }

    @Test
    void twoHundredMillionDurationsOfADayKeepAnExactSum() throws IOException {
        DurationSummary thousand = new DurationSummary();
        for (int i = 0; i < 1000; i++) {
            thousand.add(ONE_DAY_MS);
        }
        DurationSummary window = new DurationSummary();
        for (int i = 0; i < 200_000; i++) {
            window.merge(thousand);
        }
        // 1.7e19 microseconds: past the 9.2e18 a long holds
        BigInteger expected = BigInteger.valueOf(200_000L * 1000).multiply(BigInteger.valueOf(86_400_000_000L));
        assertEquals(expected, window.sumMicros());
        assertEquals(ONE_DAY_MS, window.mean(), 1e-6);
        DurationSummary stored = roundTrip(window);
        assertEquals(expected, stored.sumMicros());
        assertEquals(200_000_000L, stored.count());
        assertEquals(ONE_DAY_MS, stored.mean(), 1e-6);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 2L, 20241203L})
    void addsAndMergesGiveTheSumOfTheMicrosecondsInAnyOrder(long seed) throws IOException {
        Random random = new Random(seed);
        List<DurationSummary> parts = new ArrayList<>();
        BigInteger expected = BigInteger.ZERO;
        long count = 0;
        for (int p = 0; p < 20; p++) {
            DurationSummary part = new DurationSummary();
            for (int i = random.nextInt(200); i > 0; i--) {
                double duration = switch (random.nextInt(3)) {
                    case 0 -> ONE_DAY_MS;
                    case 1 -> random.nextDouble() * 1000;
                    default -> Math.floor(random.nextDouble() * ONE_DAY_MS * 1000) / 1000;
                };
                part.add(duration);
                expected = expected.add(BigInteger.valueOf(Math.round(duration * 1000)));
                count++;
            }
            parts.add(random.nextBoolean() ? roundTrip(part) : part);
        }
        DurationSummary merged = new DurationSummary();
        for (int repeat = 0; repeat < 50_000; repeat++) {
            merged.merge(parts.get(repeat % parts.size()));
        }
        BigInteger total = BigInteger.ZERO;
        for (int repeat = 0; repeat < 50_000; repeat++) {
            total = total.add(parts.get(repeat % parts.size()).sumMicros());
        }
        BigInteger plainSum = expected.multiply(BigInteger.valueOf(2500));
        assertEquals(plainSum, total, "seed=" + seed + ": each part's own sum");
        assertEquals(plainSum, merged.sumMicros(), "seed=" + seed);
        assertEquals(plainSum, roundTrip(merged).sumMicros(), "seed=" + seed + ": stored and read back");
        assertEquals(count * 2500, merged.count(), "seed=" + seed);
    }

    @Test
    void aSumThatFitsOneLongIsStoredAsBeforeTheHighWordExisted() throws IOException {
        DurationSummary summary = new DurationSummary();
        summary.add(1.5);
        summary.add(2.25);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.write(new DataOutputStream(bytes));
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        assertEquals(2, in.readLong(), "count, with no flag");
        assertEquals(3750, in.readLong(), "the sum in microseconds, one long");
        assertEquals(1.5, in.readDouble(), "min next, as before");
    }
}
