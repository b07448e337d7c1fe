package io.streamlytics.app.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.EventJson;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic user-events of a shopping app: users open a flyer and close it later, some never close
 * (abandoned), some browse in between; on request out-of-order, duplicate and bad records.
 */
public final class UserEventGenerator implements EventGenerator {
    private static final int USERS = 500;
    private static final int FLYERS = 40;
    private static final int MERCHANTS = 8;
    private static final String[] OTHER_EVENTS = {"app_open", "search", "list_view", "shopping_list_add"};
    private static final String[] BAD_RECORDS = {
            "{\"event\":\"flyer_open\",\"flyer_id\":\"7\",\"merchant_id\":\"3\",\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "{\"user_id\":\"u-1\",\"flyer_id\":\"7\",\"merchant_id\":\"3\",\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "{\"user_id\":\"u-1\",\"event\":\"flyer_open\",\"timestamp\":\"not a time\"}",
            "[1, 2, 3]"};

    private record Open(String user, int flyer) {
    }

    private final Random random;
    private final FaultShares shares;
    private final List<Open> open = new ArrayList<>();

    /** Shares are fractions 0..1 of the produced records. */
    public UserEventGenerator(long seed, double outOfOrder, double duplicates, double bad) {
        this.random = new Random(seed);
        this.shares = new FaultShares(outOfOrder, duplicates, bad);
    }

    @Override
    public List<String> live(long nowMs, long maxDisorderMs) {
        return shares.live(random, nowMs, maxDisorderMs, this::next, BAD_RECORDS);
    }

    private String next(long timestamp) {
        double roll = random.nextDouble();
        if (roll < 0.4 && !open.isEmpty()) {
            Open session = open.remove(random.nextInt(open.size()));
            return event(timestamp, session.user(), "flyer_close", session.flyer());
        }
        String user = "u-" + random.nextInt(USERS);
        if (roll < 0.8) {
            int flyer = random.nextInt(FLYERS);
            // about one open in ten is abandoned: never closed
            if (random.nextInt(10) != 0) {
                open.add(new Open(user, flyer));
            }
            return event(timestamp, user, "flyer_open", flyer);
        }
        return event(timestamp, user, OTHER_EVENTS[random.nextInt(OTHER_EVENTS.length)], -1);
    }

    private static String event(long timestamp, String user, String name, int flyer) {
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        event.put("user_id", user);
        event.put("event", name);
        event.put("flyer_id", flyer < 0 ? "" : Integer.toString(flyer));
        event.put("merchant_id", flyer < 0 ? "" : Integer.toString(flyer % MERCHANTS));
        return event.toString();
    }
}
