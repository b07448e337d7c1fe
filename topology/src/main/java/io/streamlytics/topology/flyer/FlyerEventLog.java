package io.streamlytics.topology.flyer;

import io.streamlytics.topology.flyer.FlyerStoreKeys.EventKey;
import io.streamlytics.topology.flyer.FlyerStoreKeys.SettleKey;
import io.streamlytics.topology.flyer.FlyerStoreKeys.UserFlyer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The unsettled flyer events of every (user, flyer) of a task, and a queue of (user, flyer) ordered
 * by when their first event becomes final ({@link SessionPairing#settleTime}), so settling touches
 * only what is due.
 */
public final class FlyerEventLog {
    private static final byte[] PRESENT = new byte[0];
    private static final FlyerStoreKeys.UserFlyerSerde PREFIX = new FlyerStoreKeys.UserFlyerSerde();

    private final KeyValueStore<EventKey, byte[]> events;
    private final KeyValueStore<SettleKey, byte[]> queue;

    public FlyerEventLog(KeyValueStore<EventKey, byte[]> events, KeyValueStore<SettleKey, byte[]> queue) {
        this.events = events;
        this.queue = queue;
    }

    public SessionPairing load(UserFlyer userFlyer, long maxSessionMs) {
        List<FlyerEvent> unsettled = new ArrayList<>();
        try (KeyValueIterator<EventKey, byte[]> stored = events.prefixScan(userFlyer, PREFIX)) {
            stored.forEachRemaining(entry -> unsettled.add(entry.key.event()));
        }
        // the store's byte order puts shorter merchant ids first; pairing needs the event order
        unsettled.sort(null);
        return new SessionPairing(unsettled, maxSessionMs);
    }

    /** Stores one more event of a (user, flyer) whose unsettled events were {@code before} and are now {@code after}. */
    public void add(UserFlyer userFlyer, FlyerEvent event, SessionPairing before, SessionPairing after) {
        events.put(new EventKey(userFlyer, event), PRESENT);
        requeue(userFlyer, before, after);
    }

    /**
     * Up to {@code max} (user, flyer) whose first event is final before {@code horizon}. The scan
     * starts at the previous horizon, before which nothing is left: seeking past the deleted entries
     * there, rather than over them, keeps this cheap.
     */
    public List<UserFlyer> due(long previousHorizon, long horizon, int max) {
        List<UserFlyer> due = new ArrayList<>();
        SettleKey from = new SettleKey(Math.max(0, previousHorizon), new UserFlyer("", ""));
        try (KeyValueIterator<SettleKey, byte[]> entries = queue.range(from, null)) {
            while (entries.hasNext() && due.size() < max) {
                KeyValue<SettleKey, byte[]> entry = entries.next();
                if (entry.key.time() >= horizon) {
                    break;
                }
                due.add(entry.key.userFlyer());
            }
        }
        return due;
    }

    /** Removes the events of {@code before} that {@code after} no longer has: they are settled and counted by the caller. */
    public void settle(UserFlyer userFlyer, SessionPairing before, SessionPairing after) {
        for (FlyerEvent event : before.events().subList(0, before.events().size() - after.events().size())) {
            events.delete(new EventKey(userFlyer, event));
        }
        requeue(userFlyer, before, after);
    }

    private void requeue(UserFlyer userFlyer, SessionPairing before, SessionPairing after) {
        Long old = before.events().isEmpty() ? null : before.settleTime();
        Long now = after.events().isEmpty() ? null : after.settleTime();
        if (old != null && !old.equals(now)) {
            queue.delete(new SettleKey(old, userFlyer));
        }
        if (now != null && !now.equals(old)) {
            queue.put(new SettleKey(now, userFlyer), PRESENT);
        }
    }
}
