package io.streamlytics.topology.flyer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The contract's session definition over one user's events of one flyer, sorted. Pairing is local:
 * an open is timed when the next event is a close no more than the maximum length later, and
 * abandoned when the next event is an open or a later close; a close is an orphan unless the event
 * before it is an open it pairs with. So events can be settled oldest first, keeping only the last
 * settled open (the anchor) as the predecessor of what remains.
 *
 * @param anchorOpen time of the last settled event when it was an open, else null
 * @param events     the unsettled events, sorted
 */
public record SessionPairing(Long anchorOpen, List<FlyerEvent> events, long maxSessionMs) {

    /** The figures of all events; an open with nothing after it is still in progress and not counted. */
    public FlyerCounts counts() {
        return counts(0, events.size(), false);
    }

    /**
     * The figures of the first {@code n} events, which are settled: nothing can arrive before or among
     * them any more, so an open with nothing after it within the maximum length is abandoned.
     */
    public FlyerCounts settledCounts(int n) {
        return counts(0, n, true);
    }

    /** The pairing of what is left once the first {@code n} events are settled and removed. */
    public SessionPairing withoutFirst(int n) {
        List<FlyerEvent> rest = events.subList(n, events.size());
        FlyerEvent lastSettled = events.get(n - 1);
        Long anchor = !rest.isEmpty() && lastSettled.isOpen() ? lastSettled.time() : null;
        return new SessionPairing(anchor, List.copyOf(rest), maxSessionMs);
    }

    /** This pairing with one more event, in its place; the same pairing when the event is already there (a duplicate). */
    public SessionPairing with(FlyerEvent event) {
        int index = Collections.binarySearch(events, event);
        if (index >= 0) {
            return this;
        }
        List<FlyerEvent> more = new ArrayList<>(events);
        more.add(-index - 1, event);
        return new SessionPairing(anchorOpen, more, maxSessionMs);
    }

    /** How many events are before {@code time}. */
    public int countBefore(long time) {
        int n = 0;
        while (n < events.size() && events.get(n).time() < time) {
            n++;
        }
        return n;
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

    private FlyerCounts counts(int from, int to, boolean trailingOpenAbandoned) {
        long sessions = 0;
        long totalMs = 0;
        long abandoned = 0;
        long orphans = 0;
        for (int i = from; i < to; i++) {
            FlyerEvent event = events.get(i);
            FlyerEvent next = i + 1 < events.size() ? events.get(i + 1) : null;
            if (event.isOpen()) {
                if (next != null && closes(event, next)) {
                    sessions++;
                    totalMs += next.time() - event.time();
                } else if (next != null || trailingOpenAbandoned) {
                    abandoned++;
                }
            } else if (!pairedWithPrevious(i)) {
                orphans++;
            }
        }
        return new FlyerCounts(sessions, totalMs, abandoned, orphans);
    }

    private boolean pairedWithPrevious(int closeIndex) {
        FlyerEvent close = events.get(closeIndex);
        if (closeIndex == 0) {
            return anchorOpen != null && close.time() - anchorOpen <= maxSessionMs;
        }
        FlyerEvent previous = events.get(closeIndex - 1);
        return previous.isOpen() && closes(previous, close);
    }

    private boolean closes(FlyerEvent open, FlyerEvent next) {
        return !next.isOpen() && next.time() - open.time() <= maxSessionMs;
    }
}
