package io.streamlytics.topology.flyer.merchant;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One merchant's day: opens, and timed sessions in total and per flyer, exact so that a session
 * taken back subtracts exactly what it added. Unique users are kept apart, in sketch chunks. At most
 * {@link #MAX_FLYERS} flyers are named; the sessions of the others count in the totals only.
 */
public final class MerchantDayAggregate {
    public static final int TOP_FLYERS = 10;
    /** The most flyers one merchant's day names (the contract's "no single value kept in a store may grow without bound"). */
    public static final int MAX_FLYERS = 1000;
    /** The most characters of flyer ids one day holds: at most 3 bytes each in UTF-8, well under a record's 1 MB. */
    public static final int MAX_FLYER_CHARS = 65_536;
    /** Where the sessions of flyers beyond those limits are kept: in the day's totals, never in its top flyers. */
    public static final String OTHER_FLYERS = "(other flyers)";

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
            String flyer = hasRoomFor(delta.flyerId()) ? delta.flyerId() : OTHER_FLYERS;
            FlyerTotals old = flyers.getOrDefault(flyer, new FlyerTotals(0, 0));
            FlyerTotals updated = new FlyerTotals(old.sessions() + delta.sessions(), old.totalMs() + delta.sessionMs());
            if (updated.sessions() == 0) {
                flyers.remove(flyer);
            } else {
                flyers.put(flyer, updated);
            }
        }
    }

    /**
     * Whether this flyer's sessions are kept under its own name: it has its entry already, or it may have one while the
     * day names fewer than {@link #MAX_FLYERS} flyers of at most {@link #MAX_FLYER_CHARS} in all and nothing was put
     * under {@link #OTHER_FLYERS}. A flyer counted there stays there (until that entry drains to nothing), so a session
     * taken back subtracts from where it was added.
     */
    private boolean hasRoomFor(String flyerId) {
        if (flyers.containsKey(flyerId)) {
            return true;
        }
        if (flyers.containsKey(OTHER_FLYERS) || flyers.size() >= MAX_FLYERS) {
            return false;
        }
        long chars = flyerId.length();
        for (String name : flyers.keySet()) {
            chars += name.length();
        }
        return chars <= MAX_FLYER_CHARS;
    }

    public MerchantDailyReport toRow(String merchantId, long dayStart, long uniqueUsers) {
        List<MerchantDailyReport.TopFlyer> top = flyers.entrySet().stream()
                .filter(flyer -> !flyer.getKey().equals(OTHER_FLYERS))
                .sorted(Comparator.comparingLong((Map.Entry<String, FlyerTotals> flyer) -> flyer.getValue().totalMs()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP_FLYERS)
                .map(flyer -> MerchantDailyReport.TopFlyer.of(flyer.getKey(), flyer.getValue().sessions(), flyer.getValue().totalMs()))
                .toList();
        return MerchantDailyReport.of(merchantId, dayStart, opens, uniqueUsers, sessions, totalMs, top);
    }
}
