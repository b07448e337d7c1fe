package io.streamlytics.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Random;

/**
 * Synthetic user-events for the load benchmark: users about 25 events each, 30 minutes apart on
 * average, so twelve and a half hours of traffic whatever the count; 2,000 flyers of 200 merchants.
 * A user with a flyer open mostly closes it next; otherwise mostly opens one. Times move forward
 * with up to a minute of disorder, well within the grace.
 */
final class UserEventsLoad implements Iterator<String[]> {
    static final Instant START = Instant.parse("2024-09-03T00:00:00Z");
    private static final long SPAN_MS = Duration.ofMinutes(30 * 25).toMillis();
    private static final int FLYERS = 2_000;
    private static final int MERCHANTS = 200;
    private static final String[] OTHER_EVENTS = {"app_open", "search", "shopping_list_open", "item_view"};

    private final Random random = new Random(20240903L);
    private final int[] openFlyer;
    /** 32 hex digits, as long as the contract's example ids. */
    private final String[] userIds;
    private final long count;
    private final double stepMs;
    private long produced;

    UserEventsLoad(long count) {
        this.count = count;
        this.openFlyer = new int[(int) Math.max(1_000, count / 25)];
        Arrays.fill(openFlyer, -1);
        this.userIds = new String[openFlyer.length];
        for (int u = 0; u < userIds.length; u++) {
            userIds[u] = String.format("%016x%016x", u * 0x9E3779B97F4A7C15L, ~u * 0xC2B2AE3D27D4EB4FL);
        }
        this.stepMs = (double) SPAN_MS / count;
    }

    int users() {
        return openFlyer.length;
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    /** The next event: its key (user id) and JSON value. */
    @Override
    public String[] next() {
        long time = START.toEpochMilli() + (long) (produced * stepMs) - random.nextInt(60_000);
        produced++;
        int user = random.nextInt(openFlyer.length);
        int open = openFlyer[user];
        int roll = random.nextInt(100);
        String event;
        int flyer;
        if (open >= 0 && roll < 75) {
            event = "flyer_close";
            flyer = open;
            openFlyer[user] = -1;
        } else if (roll < (open >= 0 ? 85 : 60)) {
            event = "flyer_open";
            flyer = random.nextInt(FLYERS);
            openFlyer[user] = flyer;
        } else if (roll < 65) {
            event = "flyer_close"; // with nothing open: an orphan
            flyer = random.nextInt(FLYERS);
        } else {
            event = OTHER_EVENTS[random.nextInt(OTHER_EVENTS.length)];
            flyer = -1;
        }
        String userId = userIds[user];
        String json = "{\"timestamp\":" + Math.max(0, time) + ",\"user_id\":\"" + userId + "\",\"event\":\"" + event + "\""
                + (flyer < 0 ? "" : ",\"flyer_id\":\"" + flyer + "\",\"merchant_id\":\"" + flyer % MERCHANTS + "\"") + "}";
        return new String[] {userId, json};
    }

}
