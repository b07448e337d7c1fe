package io.streamlytics.topology.support;

import java.time.Instant;

/** One user-events record for tests, and its JSON in the contract's field names. */
public record UserEventSpec(String userId, Instant time, String event, String flyerId, String merchantId) {

    public static UserEventSpec open(String userId, Instant time, String flyerId, String merchantId) {
        return new UserEventSpec(userId, time, "flyer_open", flyerId, merchantId);
    }

    public static UserEventSpec close(String userId, Instant time, String flyerId, String merchantId) {
        return new UserEventSpec(userId, time, "flyer_close", flyerId, merchantId);
    }

    public static UserEventSpec other(String userId, Instant time, String event) {
        return new UserEventSpec(userId, time, event, null, null);
    }

    public boolean isOpen() {
        return "flyer_open".equals(event);
    }

    public boolean isClose() {
        return "flyer_close".equals(event);
    }

    public String json() {
        StringBuilder json = new StringBuilder("{\"timestamp\":\"").append(time).append("\",\"user_id\":\"").append(userId)
                .append("\",\"event\":\"").append(event).append('"');
        if (flyerId != null) {
            json.append(",\"flyer_id\":\"").append(flyerId).append('"');
        }
        if (merchantId != null) {
            json.append(",\"merchant_id\":\"").append(merchantId).append('"');
        }
        return json.append('}').toString();
    }
}
