package io.streamlytics.topology.flyer.merchant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A merchant's day as the report processor keeps it, read from and written back to the store format. */
class MerchantDayAggregateTest {
    private static final MerchantDayAggregateSerde SERDE = new MerchantDayAggregateSerde();
    private static final long DAY = 1_725_321_600_000L;

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
        assertEquals(kept.toRow("m1", DAY, 0), day.toRow("m1", DAY, 0), "seed=" + seed);
    }

    @Test
    void flyersBeyondTheLimitCountInTheTotalsOnlyAndTheirSessionsComeBackOutOfThem() {
        MerchantDayAggregate day = new MerchantDayAggregate();
        long totalMs = 0;
        for (int i = 0; i < 1_100; i++) {
            long ms = 1_000L * (i + 1);
            day.apply(MerchantDelta.session("m1", DAY, "f" + i, 1, ms));
            totalMs += ms;
        }
        day = SERDE.deserialize("store", SERDE.serialize("store", day));
        MerchantDailyReport row = day.toRow("m1", DAY, 0);
        assertEquals(1_100, row.sessions());
        assertEquals(totalMs, Math.round(row.totalHours() * 3_600_000), 1_000);
        // the ten longest flyers by name are among the 1,000 named (f999 down to f990), never the others' sum
        assertEquals("f999", row.topFlyers().get(0).flyerId());
        // a flyer counted among the others is taken back from there: the day is as if it never came
        day.apply(MerchantDelta.session("m1", DAY, "f1099", -1, 1_100_000));
        day.apply(MerchantDelta.session("m1", DAY, "f1099", 1, 1_100_000));
        assertEquals(row, day.toRow("m1", DAY, 0));
    }

    @Test
    void longFlyerIdsFillTheirBudgetSoonerAndTheValueStaysSmall() {
        MerchantDayAggregate day = new MerchantDayAggregate();
        for (int i = 0; i < 200; i++) {
            day.apply(MerchantDelta.session("m1", DAY, i + "z".repeat(4_090), 1, 60_000));
        }
        byte[] stored = SERDE.serialize("store", day);
        assertTrue(stored.length < 100_000, "a day of 200 flyers with ids of 4 KB stored in " + stored.length + " bytes");
        assertEquals(200, day.toRow("m1", DAY, 0).sessions());
    }
}
