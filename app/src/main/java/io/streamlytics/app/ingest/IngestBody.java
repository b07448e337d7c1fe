package io.streamlytics.app.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.topology.events.EventJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an ingest body into events: one JSON object, a JSON array of them, or NDJSON. An NDJSON
 * line that is not JSON is one rejected event, not a failed request.
 */
final class IngestBody {
    /** An event, or the line that could not be read and why. */
    record Item(JsonNode json, String error, byte[] unreadable) {
        static Item of(JsonNode json) {
            return new Item(json, null, null);
        }
    }

    private IngestBody() {
    }

    static List<Item> parse(byte[] body, boolean ndjson) {
        if (ndjson) {
            return lines(body);
        }
        JsonNode root;
        try {
            root = EventJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "body is not JSON: " + e.getOriginalMessage()
                    + " (send one object, an array, or NDJSON with Content-Type: application/x-ndjson)");
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "body is not readable: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ApiException(400, "empty_body", "body is empty: send one JSON object, an array, or NDJSON");
        }
        List<Item> items = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(element -> items.add(Item.of(element)));
        } else {
            items.add(Item.of(root));
        }
        return items;
    }

    private static List<Item> lines(byte[] body) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (!isBlank(body, start, end)) {
                    items.add(line(body, start, end));
                }
                start = i + 1;
            }
        }
        return items;
    }

    private static Item line(byte[] body, int start, int end) {
        try {
            return Item.of(EventJson.MAPPER.readTree(body, start, end - start));
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return new Item(null, "malformed JSON: " + message, java.util.Arrays.copyOfRange(body, start, end));
        }
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(body[i])) {
                return false;
            }
        }
        return true;
    }

}
