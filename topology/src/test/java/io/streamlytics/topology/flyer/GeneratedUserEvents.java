package io.streamlytics.topology.flyer;

import io.streamlytics.topology.support.UserEventSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static io.streamlytics.topology.support.UserEventsTestDriver.T0;

/**
 * Seeded user-events with every case of the session definition: timed sessions (some exactly the
 * maximum length, some longer), opens followed by opens or by nothing, orphan closes, back-to-back
 * sessions at one instant, interleaved flyers, other events and exact duplicates.
 */
final class GeneratedUserEvents {
    static final Duration MAX_SESSION = Duration.ofHours(4);
    private static final int FLYERS = 6;
    private static final int MERCHANTS = 3;

    private GeneratedUserEvents() {
    }

    /** Events of {@code users} users over two days, in event-time order. */
    static List<UserEventSpec> sorted(Random random, int users) {
        List<UserEventSpec> events = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String user = "user-" + u;
            Instant time = T0.plusMillis(random.nextInt(7_200_000));
            Instant end = T0.plus(Duration.ofDays(2));
            while (time.isBefore(end)) {
                addCase(random, user, time, events);
                // whole seconds now and then, so that events of one flyer meet at the same instant
                long step = random.nextInt(4) == 0 ? 60_000L * random.nextInt(90) : random.nextInt(5_400_000);
                time = time.plusMillis(step);
            }
        }
        events.sort(Comparator.comparing(UserEventSpec::time));
        return events;
    }

    private static void addCase(Random random, String user, Instant time, List<UserEventSpec> events) {
        int f = random.nextInt(FLYERS);
        String flyer = "fl-" + f;
        String merchant = "m-" + f % MERCHANTS;
        int kind = random.nextInt(100);
        if (kind < 40) {
            events.add(UserEventSpec.open(user, time, flyer, merchant));
            events.add(UserEventSpec.close(user, time.plus(sessionLength(random)), flyer, merchant));
        } else if (kind < 50) {
            events.add(UserEventSpec.open(user, time, flyer, merchant));
        } else if (kind < 60) {
            events.add(UserEventSpec.close(user, time, flyer, merchant));
        } else if (kind < 68) {
            Instant between = time.plusSeconds(1 + random.nextInt(3600));
            events.add(UserEventSpec.open(user, time, flyer, merchant));
            events.add(UserEventSpec.close(user, between, flyer, merchant));
            events.add(UserEventSpec.open(user, between, flyer, merchant));
            events.add(UserEventSpec.close(user, between.plus(sessionLength(random)), flyer, merchant));
        } else if (kind < 80) {
            events.add(UserEventSpec.other(user, time, random.nextBoolean() ? "page_view" : "search"));
        } else if (kind < 90 && !events.isEmpty()) {
            events.add(events.get(events.size() - 1)); // a producer retry: the very same event again
        } else {
            events.add(UserEventSpec.open(user, time, flyer, merchant));
            events.add(UserEventSpec.open(user, time.plusSeconds(random.nextInt(7200)), flyer, merchant));
        }
    }

    private static Duration sessionLength(Random random) {
        int kind = random.nextInt(100);
        if (kind < 5) {
            return MAX_SESSION;
        }
        if (kind < 20) {
            return MAX_SESSION.plusMillis(1 + random.nextInt(10_800_000));
        }
        return Duration.ofMillis(1 + random.nextInt(10_800_000));
    }

    /**
     * Delays each event by a random time below {@code maxDelay} and orders them by arrival: an event
     * arrives after every event whose time is more than {@code maxDelay} before its own.
     */
    static List<UserEventSpec> disorder(List<UserEventSpec> sorted, Random random, Duration maxDelay) {
        record Delayed(UserEventSpec event, long arrival) {
        }
        List<Delayed> delayed = new ArrayList<>();
        for (UserEventSpec event : sorted) {
            delayed.add(new Delayed(event, event.time().toEpochMilli() + (long) (random.nextDouble() * maxDelay.toMillis())));
        }
        delayed.sort(Comparator.comparingLong(Delayed::arrival));
        return delayed.stream().map(Delayed::event).toList();
    }
}
