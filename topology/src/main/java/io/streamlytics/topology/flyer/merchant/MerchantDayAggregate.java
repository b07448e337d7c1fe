package io.streamlytics.topology.flyer.merchant;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One merchant's day: opens, and timed sessions in total and per flyer, exact so that a session
 * taken back subtracts exactly what it added. Unique users are kept apart, in sketch chunks.
 */
public final class MerchantDayAggregate {
    public static final int TOP_FLYERS = 10;

    /** Timed sessions of one flyer in the day. */
    record FlyerTotals(long sessions, long totalMs) {
    }

    long opens;
    long sessions;
    long totalMs;
    final Map<String, FlyerTotals> flyers;

    public MerchantDayAggregate() {
        this(new TreeMap<>());
    }

    MerchantDayAggregate(Map<String, FlyerTotals> flyers) {
        this.flyers = flyers;
    }

    public void apply(MerchantDelta delta) {
        opens += delta.opens();
        if (delta.sessions() != 0) {
            sessions += delta.sessions();
            totalMs += delta.sessionMs();
            FlyerTotals old = flyers.getOrDefault(delta.flyerId(), new FlyerTotals(0, 0));
            FlyerTotals updated = new FlyerTotals(old.sessions() + delta.sessions(), old.totalMs() + delta.sessionMs());
            if (updated.sessions() == 0) {
                flyers.remove(delta.flyerId());
            } else {
                flyers.put(delta.flyerId(), updated);
            }
        }
    }

    public MerchantDailyReport toRow(String merchantId, long dayStart, long uniqueUsers) {
        List<MerchantDailyReport.TopFlyer> top = flyers.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, FlyerTotals> flyer) -> flyer.getValue().totalMs()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_FLYERS)
                .map(flyer -> MerchantDailyReport.TopFlyer.of(flyer.getKey(), flyer.getValue().sessions(), flyer.getValue().totalMs()))
                .toList();
        return MerchantDailyReport.of(merchantId, dayStart, opens, uniqueUsers, sessions, totalMs, top);
    }
}
