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
 * The unsettled flyer events of every (user, flyer) of a task, with what settling needs: the anchor
 * (the last settled event, when it was an open) and a queue of (user, flyer) ordered by their oldest
 * unsettled event, so settling touches only what is due.
 */
public final class FlyerEventLog {
    private static final byte[] PRESENT = new byte[0];
    private static final FlyerStoreKeys.UserFlyerSerde PREFIX = new FlyerStoreKeys.UserFlyerSerde();

    private final KeyValueStore<EventKey, byte[]> events;
    private final KeyValueStore<UserFlyer, Long> anchors;
    private final KeyValueStore<SettleKey, byte[]> queue;

    public FlyerEventLog(KeyValueStore<EventKey, byte[]> events, KeyValueStore<UserFlyer, Long> anchors,
                         KeyValueStore<SettleKey, byte[]> queue) {
        this.events = events;
        this.anchors = anchors;
        this.queue = queue;
    }

    public SessionPairing load(UserFlyer userFlyer, long maxSessionMs) {
        List<FlyerEvent> unsettled = new ArrayList<>();
        try (KeyValueIterator<EventKey, byte[]> stored = events.prefixScan(userFlyer, PREFIX)) {
            stored.forEachRemaining(entry -> unsettled.add(entry.key.event()));
        }
        // the store's byte order puts shorter merchant ids first; pairing needs the event order
        unsettled.sort(null);
        return new SessionPairing(anchors.get(userFlyer), unsettled, maxSessionMs);
    }

    /** Stores one more event of a (user, flyer) whose unsettled events were {@code before}. */
    public void add(UserFlyer userFlyer, FlyerEvent event, SessionPairing before) {
        events.put(new EventKey(userFlyer, event), PRESENT);
        Long oldest = before.events().isEmpty() ? null : before.events().get(0).time();
        if (oldest == null || event.time() < oldest) {
            if (oldest != null) {
                queue.delete(new SettleKey(oldest, userFlyer));
            }
            queue.put(new SettleKey(event.time(), userFlyer), PRESENT);
        }
    }

    /**
     * Up to {@code max} (user, flyer) whose oldest unsettled event is before {@code horizon}. The
     * scan starts at the previous horizon, before which nothing is left: seeking past the deleted
     * entries there, rather than over them, keeps this cheap.
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

    /**
     * Replaces the events of {@code before} with those of {@code after}, which has its first events
     * settled (their figures are folded into the user's totals by the caller), and keeps its anchor.
     */
    public void settle(UserFlyer userFlyer, SessionPairing before, SessionPairing after) {
        queue.delete(new SettleKey(before.events().get(0).time(), userFlyer));
        for (FlyerEvent event : before.events().subList(0, before.events().size() - after.events().size())) {
            events.delete(new EventKey(userFlyer, event));
        }
        if (!after.events().isEmpty()) {
            queue.put(new SettleKey(after.events().get(0).time(), userFlyer), PRESENT);
        }
        if (after.anchorOpen() != null) {
            anchors.put(userFlyer, after.anchorOpen());
        } else {
            anchors.delete(userFlyer);
        }
    }
}
