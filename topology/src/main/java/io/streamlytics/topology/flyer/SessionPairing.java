package io.streamlytics.topology.flyer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The contract's session definition over one user's unsettled events of one flyer, sorted. Pairing
 * is local: an open is timed when the next event is a close no more than the maximum length later,
 * and abandoned when the next event is an open or a later close; a close is an orphan unless the
 * event before it is an open it pairs with. So an event is final as soon as no on-time event can
 * land next to it, and a final prefix can be settled and removed (see {@link #settleTime}).
 */
public record SessionPairing(List<FlyerEvent> events, long maxSessionMs) {

    /** The figures of all events; an open with nothing after it is still in progress and not counted. */
    public FlyerCounts counts() {
        return counts(events.size(), false);
    }

    /** The figures of the first {@code n} events, which are final: an open with nothing after it is abandoned. */
    public FlyerCounts settledCounts(int n) {
        return counts(n, true);
    }

    /**
     * When the first event becomes final: once every event still to come is later than this. A close
     * is final once nothing can come before it; an open once its next event can no longer change,
     * or once anything still to come would be beyond the maximum length. Never decreases along the
     * events, so the final events are always a prefix. Only for a pairing with events.
     */
    public long settleTime() {
        return settleTime(0);
    }

    private long settleTime(int i) {
        FlyerEvent event = events.get(i);
        if (!event.isOpen()) {
            return event.time();
        }
        long beyondMaximum = event.time() + maxSessionMs;
        return i + 1 < events.size() ? Math.min(events.get(i + 1).time(), beyondMaximum) : beyondMaximum;
    }

    /** How many leading events are final when every event still to come is at or after {@code horizon}. */
    public int finalBefore(long horizon) {
        int n = 0;
        while (n < events.size() && settleTime(n) < horizon) {
            n++;
        }
        return n;
    }

    /** The pairing of what is left once the first {@code n} events are settled and removed. */
    public SessionPairing withoutFirst(int n) {
        return new SessionPairing(List.copyOf(events.subList(n, events.size())), maxSessionMs);
    }

    /** This pairing with one more event, in its place; the same pairing when the event is already there (a duplicate). */
    public SessionPairing with(FlyerEvent event) {
        int index = Collections.binarySearch(events, event);
        if (index >= 0) {
            return this;
        }
        List<FlyerEvent> more = new ArrayList<>(events);
        more.add(-index - 1, event);
        return new SessionPairing(more, maxSessionMs);
    }

    public List<Session> sessions() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i + 1 < events.size(); i++) {
            FlyerEvent open = events.get(i);
            if (open.isOpen() && closes(open, events.get(i + 1))) {
                sessions.add(new Session(open.time(), events.get(i + 1).time(), open.merchantId()));
            }
        }
        return sessions;
    }

    /**
     * A first close counts as an orphan: whatever was settled before it was an open it cannot pair
     * with (that open was final only because the close was beyond its maximum length) or a close.
     */
    private FlyerCounts counts(int to, boolean trailingOpenAbandoned) {
        long sessions = 0;
        long totalMs = 0;
        long abandoned = 0;
        long orphans = 0;
        for (int i = 0; i < to; i++) {
            FlyerEvent event = events.get(i);
            FlyerEvent next = i + 1 < events.size() ? events.get(i + 1) : null;
            if (event.isOpen()) {
                if (next != null && closes(event, next)) {
                    sessions++;
                    totalMs += next.time() - event.time();
                } else if (next != null || trailingOpenAbandoned) {
                    abandoned++;
                }
            } else if (i == 0 || !events.get(i - 1).isOpen() || !closes(events.get(i - 1), event)) {
                orphans++;
            }
        }
        return new FlyerCounts(sessions, totalMs, abandoned, orphans);
    }

    private boolean closes(FlyerEvent open, FlyerEvent next) {
        return !next.isOpen() && next.time() - open.time() <= maxSessionMs;
    }
}
