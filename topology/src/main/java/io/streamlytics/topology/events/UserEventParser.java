package io.streamlytics.topology.events;

import com.fasterxml.jackson.databind.JsonNode;

import static io.streamlytics.topology.events.EventJson.optionalText;
import static io.streamlytics.topology.events.EventJson.requiredText;

/**
 * user-events: {@code timestamp}, {@code user_id} and {@code event} are required; {@code flyer_open}
 * and {@code flyer_close} also need {@code flyer_id} and {@code merchant_id}. Other events keep them
 * if given, and an empty one counts as absent.
 */
public final class UserEventParser implements EventParser<UserEvent> {

    @Override
    public UserEvent parse(JsonNode json, long nowMs) throws InvalidEventException {
        EventJson.requireObject(json);
        long timestamp = EventTime.required(json, "timestamp", nowMs);
        String userId = requiredText(json, "user_id");
        String event = requiredText(json, "event");
        boolean flyerEvent = UserEvent.FLYER_OPEN.equals(event) || UserEvent.FLYER_CLOSE.equals(event);
        String flyerId = flyerEvent ? requiredText(json, "flyer_id") : blankAsNull(optionalText(json, "flyer_id"));
        String merchantId = flyerEvent ? requiredText(json, "merchant_id") : blankAsNull(optionalText(json, "merchant_id"));
        return new UserEvent(timestamp, userId, event, flyerId, merchantId);
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
