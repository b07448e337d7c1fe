package io.streamlytics.topology.flyer;

import io.streamlytics.topology.events.UserEvent;

import java.util.Comparator;

/**
 * One open or close of one user's flyer, as kept until it is settled. Events equal in all three
 * fields are one event: a duplicate delivery changes nothing.
 */
public record FlyerEvent(long time, UserEvent.Kind kind, String merchantId) implements Comparable<FlyerEvent> {
    /** Event time, then a close before an open (back-to-back sessions stay two), then merchant: a total order. */
    private static final Comparator<FlyerEvent> ORDER = Comparator.comparingLong(FlyerEvent::time)
            .thenComparing(FlyerEvent::kind)
            .thenComparing(FlyerEvent::merchantId);

    public boolean isOpen() {
        return kind == UserEvent.Kind.OPEN;
    }

    @Override
    public int compareTo(FlyerEvent other) {
        return ORDER.compare(this, other);
    }
}
