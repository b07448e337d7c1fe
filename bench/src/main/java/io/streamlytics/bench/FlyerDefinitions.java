package io.streamlytics.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Both definitions of flyer time per user, by a plain loop over the events, written apart from the
 * product and from the Spark job. The contract's: an open and the next event of its (user, flyer) in
 * time, when that is a close at most four hours later, make a session; the same event twice counts once.
 * The classic one: every two consecutive opens or closes of a (user, flyer) make a pair, whatever they
 * are. Each user also gets the kinds of pairs that the classic one times and the contract's does not.
 */
final class FlyerDefinitions {
    /** The contract's default, which the benchmark's instance runs with. */
    private static final long MAX_SESSION_MS = Duration.ofHours(4).toMillis();

    /** What makes the classic pairs of a user differ from the contract's sessions. */
    enum Difference {
        CLOSE_THEN_OPEN("a close and the next open, the time between sessions"),
        OPEN_THEN_OPEN("an open and the next open (ours: abandoned)"),
        CLOSE_THEN_CLOSE("a close and the next close (ours: an orphan)"),
        OVER_MAXIMUM("an open and its close over 4 h apart (ours: abandoned and an orphan)"),
        DUPLICATE("the same event twice, a pair of zero length (ours: counted once)");

        final String meaning;

        Difference(String meaning) {
            this.meaning = meaning;
        }
    }

    /** Timed pairs and their milliseconds; the average as both definitions round it. */
    record Answer(long pairs, long totalMs) {
        static final Answer NONE = new Answer(0, 0);

        double hours() {
            if (pairs == 0) {
                return 0.0;
            }
            double perPair = totalMs / 1000.0 / pairs / 3600;
            return BigDecimal.valueOf(perPair).setScale(2, RoundingMode.HALF_UP).doubleValue();
        }

        Answer plus(long pairsMore, long msMore) {
            return new Answer(pairs + pairsMore, totalMs + msMore);
        }
    }

    record User(Answer contract, Answer classic, Set<Difference> differences) {
        boolean definitionsAgree() {
            return differences.isEmpty();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per user, per flyer: each open or close as time × 2, + 1 for an open, so that at one instant a close sorts first. */
    private final Map<String, Map<String, LongList>> flyerEvents = new HashMap<>();

    /** One user-event as JSON, with its timestamp in epoch milliseconds. */
    void add(String json) {
        try {
            JsonNode event = JSON.readTree(json);
            String user = event.get("user_id").asText();
            Map<String, LongList> flyers = flyerEvents.computeIfAbsent(user, u -> new HashMap<>());
            String kind = event.get("event").asText();
            if (kind.equals("flyer_open") || kind.equals("flyer_close")) {
                long time = event.get("timestamp").asLong();
                flyers.computeIfAbsent(event.get("flyer_id").asText(), f -> new LongList()).add(time * 2 + (kind.equals("flyer_open") ? 1 : 0));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a user-event: " + json, e);
        }
    }

    /** Every user with at least one event, with both answers. */
    Map<String, User> users() {
        Map<String, User> users = new HashMap<>();
        flyerEvents.forEach((user, flyers) -> {
            Answer contract = Answer.NONE;
            Answer classic = Answer.NONE;
            Set<Difference> differences = EnumSet.noneOf(Difference.class);
            for (LongList list : flyers.values()) {
                long[] events = list.sorted();
                for (int i = 0; i + 1 < events.length; i++) {
                    long time = events[i] >> 1;
                    long nextTime = events[i + 1] >> 1;
                    boolean open = (events[i] & 1) == 1;
                    boolean nextOpen = (events[i + 1] & 1) == 1;
                    classic = classic.plus(1, nextTime - time);
                    if (events[i] == events[i + 1]) {
                        differences.add(Difference.DUPLICATE);
                    } else if (open && !nextOpen) {
                        if (nextTime - time <= MAX_SESSION_MS) {
                            contract = contract.plus(1, nextTime - time);
                        } else {
                            differences.add(Difference.OVER_MAXIMUM);
                        }
                    } else {
                        differences.add(open ? Difference.OPEN_THEN_OPEN : nextOpen ? Difference.CLOSE_THEN_OPEN : Difference.CLOSE_THEN_CLOSE);
                    }
                }
            }
            users.put(user, new User(contract, classic, differences));
        });
        return users;
    }

    /** A growable array of longs: boxed, the events of a large run would take several times the heap. */
    private static final class LongList {
        private long[] values = new long[2];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }
}
