package io.streamlytics.app.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * The faults {@code generate} mixes into a live stream, as fractions 0..1 of the events: out of order
 * (timed up to a maximum disorder in the past), sent twice, followed by a bad record.
 */
record FaultShares(double outOfOrder, double duplicates, double bad) {

    /** The records for one event at {@code nowMs}: the event made by {@code eventAt}, maybe again, maybe a bad one. */
    List<String> live(Random random, long nowMs, long maxDisorderMs, LongFunction<String> eventAt, String[] badRecords) {
        List<String> records = new ArrayList<>(3);
        long timestamp = random.nextDouble() < outOfOrder ? nowMs - 1 - (long) (random.nextDouble() * maxDisorderMs) : nowMs;
        String event = eventAt.apply(timestamp);
        records.add(event);
        if (random.nextDouble() < duplicates) {
            records.add(event);
        }
        if (random.nextDouble() < bad) {
            records.add(badRecords[random.nextInt(badRecords.length)]);
        }
        return records;
    }
}
