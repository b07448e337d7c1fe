package io.streamlytics.topology.flyer;

import io.streamlytics.topology.support.UserEventSpec;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The contract's flyer figures computed the straightforward way, for comparison: drop exact
 * duplicates, sort each user's events of each flyer (time, close before open, merchant), and walk
 * them with one pending open.
 */
final class FlyerReference {
    record UserFigures(long sessions, long totalMs, long abandoned, long orphans) {
    }

    static final class MerchantDay {
        long opens;
        final Set<String> users = new HashSet<>();
        long sessions;
        long totalMs;
        final Map<String, Long> flyerMs = new TreeMap<>();
    }

    private static final Comparator<UserEventSpec> ORDER = Comparator.comparing(UserEventSpec::time)
            .thenComparing(event -> event.isOpen() ? 1 : 0)
            .thenComparing(UserEventSpec::merchantId);

    private final Map<String, UserFigures> users = new TreeMap<>();
    private final Map<String, MerchantDay> merchantDays = new TreeMap<>();

    FlyerReference(List<UserEventSpec> events, Duration maxSession) {
        Map<String, List<UserEventSpec>> byUserAndFlyer = new HashMap<>();
        for (UserEventSpec event : new LinkedHashSet<>(events)) {
            users.putIfAbsent(event.userId(), new UserFigures(0, 0, 0, 0));
            if (event.isOpen() || event.isClose()) {
                byUserAndFlyer.computeIfAbsent(event.userId() + "/" + event.flyerId(), k -> new ArrayList<>()).add(event);
            }
            if (event.isOpen()) {
                MerchantDay day = day(event);
                day.opens++;
                day.users.add(event.userId());
            }
        }
        byUserAndFlyer.values().forEach(flyerEvents -> walk(flyerEvents, maxSession.toMillis()));
    }

    Map<String, UserFigures> users() {
        return users;
    }

    /** Keyed "merchant@date", the date of the open. */
    Map<String, MerchantDay> merchantDays() {
        return merchantDays;
    }

    private void walk(List<UserEventSpec> events, long maxMs) {
        events.sort(ORDER);
        long sessions = 0;
        long totalMs = 0;
        long abandoned = 0;
        long orphans = 0;
        UserEventSpec pending = null;
        for (UserEventSpec event : events) {
            if (event.isOpen()) {
                if (pending != null) {
                    abandoned++;
                }
                pending = event;
                continue;
            }
            long sincePending = pending == null ? Long.MAX_VALUE : event.time().toEpochMilli() - pending.time().toEpochMilli();
            if (sincePending <= maxMs) {
                sessions++;
                totalMs += sincePending;
                MerchantDay day = day(pending);
                day.sessions++;
                day.totalMs += sincePending;
                day.flyerMs.merge(pending.flyerId(), sincePending, Long::sum);
            } else {
                abandoned += pending == null ? 0 : 1;
                orphans++;
            }
            pending = null;
        }
        abandoned += pending == null ? 0 : 1;
        String user = events.get(0).userId();
        UserFigures old = users.get(user);
        users.put(user, new UserFigures(old.sessions() + sessions, old.totalMs() + totalMs, old.abandoned() + abandoned,
                old.orphans() + orphans));
    }

    private MerchantDay day(UserEventSpec open) {
        String date = LocalDate.ofInstant(open.time(), ZoneOffset.UTC).toString();
        return merchantDays.computeIfAbsent(open.merchantId() + "@" + date, k -> new MerchantDay());
    }
}
