package io.streamlytics.topology.flyer.merchant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A merchant's day as the report processor keeps it: every delta read from and written back to the
 * store format, as {@link MerchantReportProcessor} does with each record.
 */
class MerchantDayAggregateTest {
    private static final MerchantDayAggregateSerde SERDE = new MerchantDayAggregateSerde();
    private static final long DAY = 1_725_321_600_000L;

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 20240903L, -7L})
    void uniqueUsersWithinTwoPercentOnHundredThousandUsers(long seed) {
        Random random = new Random(seed);
        byte[] stored = SERDE.serialize("store", new MerchantDayAggregate());
        long opens = 0;
        for (int i = 0; i < 100_000; i++) {
            String user = new UUID(random.nextLong(), random.nextLong()).toString();
            int visits = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
            for (int v = 0; v < visits; v++) {
                MerchantDayAggregate day = SERDE.deserialize("store", stored);
                day.apply(MerchantDelta.open("m1", DAY, "f" + random.nextInt(30), user));
                stored = SERDE.serialize("store", day);
                opens++;
            }
        }
        MerchantDailyReport report = SERDE.deserialize("store", stored).toRow("m1", DAY);
        double error = Math.abs(report.uniqueUsers() - 100_000) / 100_000.0;
        assertTrue(error <= 0.02, "seed=" + seed + ": unique_users " + report.uniqueUsers() + " is " + error * 100 + "% off");
        assertEquals(opens, report.flyerOpens(), "seed=" + seed + ": every open counts, each user once");
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3L, 4L})
    void sessionsTakenBackLeaveExactlyWhatRemains(long seed) {
        Random random = new Random(seed);
        MerchantDayAggregate day = new MerchantDayAggregate();
        MerchantDayAggregate kept = new MerchantDayAggregate();
        for (int i = 0; i < 2_000; i++) {
            String flyer = "f" + random.nextInt(15);
            long ms = 1 + random.nextInt(3_600_000);
            day.apply(MerchantDelta.session("m1", DAY, flyer, 1, ms));
            if (random.nextBoolean()) {
                day = SERDE.deserialize("store", SERDE.serialize("store", day));
                day.apply(MerchantDelta.session("m1", DAY, flyer, -1, ms));
            } else {
                kept.apply(MerchantDelta.session("m1", DAY, flyer, 1, ms));
            }
        }
        assertEquals(kept.toRow("m1", DAY), day.toRow("m1", DAY), "seed=" + seed);
    }
}
