package io.streamlytics.topology.flyer.merchant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
