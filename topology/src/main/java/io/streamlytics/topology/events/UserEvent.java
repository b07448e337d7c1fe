package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One user-behaviour event (topic user-events). Flyer opens and closes carry a flyer and its
 * merchant; other events may leave them null.
 */
public record UserEvent(long timestamp, String userId, String event, String flyerId, String merchantId) {
    public static final String FLYER_OPEN = "flyer_open";
    public static final String FLYER_CLOSE = "flyer_close";

    /** What the flyer pipeline makes of an event; at equal times a close sorts before an open (see README). */
    public enum Kind {
        CLOSE, OPEN, OTHER
    }

    public Kind kind() {
        return switch (event) {
            case FLYER_OPEN -> Kind.OPEN;
            case FLYER_CLOSE -> Kind.CLOSE;
            default -> Kind.OTHER;
        };
    }

    /** The event in the contract's field names, for records that leave the topology as events. */
    public String toJson() {
        ObjectNode json = EventJson.MAPPER.createObjectNode();
        json.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        json.put("user_id", userId);
        json.put("event", event);
        if (flyerId != null) {
            json.put("flyer_id", flyerId);
        }
        if (merchantId != null) {
            json.put("merchant_id", merchantId);
        }
        return json.toString();
    }
}
