package io.streamlytics.app.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.topology.events.EventJson;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an ingest body into events: one JSON object, a JSON array of them, or NDJSON. An NDJSON
 * line that is not JSON is one rejected event, not a failed request. A body of more than
 * {@link IngestService#MAX_EVENTS_PER_REQUEST} events is refused whole (413) before more than that many are read: the array is
 * read element by element and NDJSON lines are counted first, so a body of millions of tiny values costs
 * no more than its bytes.
 */
final class IngestBody {
    /** One element of an array at a time: what follows it is the rest of the array, not trailing content. */
    private static final ObjectReader ELEMENT = EventJson.MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** An event, or the line that could not be read and why. */
    record Item(JsonNode json, String error, byte[] unreadable) {
        static Item of(JsonNode json) {
            return new Item(json, null, null);
        }
    }

    private IngestBody() {
    }

    static List<Item> parse(byte[] body, BodyFormat format) {
        return switch (format) {
            case JSON -> json(body);
            case NDJSON -> lines(body);
            case ARRAY_ELSE_NDJSON -> startsWithArray(body) ? json(body) : lines(body);
        };
    }

    private static boolean startsWithArray(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '[';
            }
        }
        return false;
    }

    private static List<Item> json(byte[] body) {
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = EventJson.MAPPER.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ApiException(400, "empty_body", "body is empty: send one JSON object, an array, or NDJSON");
            }
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (items.size() == IngestService.MAX_EVENTS_PER_REQUEST) {
                        throw tooMany("a JSON array of more than " + IngestService.MAX_EVENTS_PER_REQUEST + " events");
                    }
                    items.add(Item.of(ELEMENT.readTree(parser)));
                }
                if (parser.nextToken() != null) {
                    throw new ApiException(400, "invalid_json", "body is not JSON: content after the array's end");
                }
            } else {
                items.add(Item.of(EventJson.MAPPER.readTree(parser)));
            }
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "invalid_json", "body is not JSON: " + e.getOriginalMessage()
                    + " (send one object, an array, or NDJSON with Content-Type: application/x-ndjson)");
        } catch (IOException e) {
            throw new ApiException(400, "invalid_json", "body is not readable: " + e.getMessage());
        }
        return items;
    }

    private static List<Item> lines(byte[] body) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (!isBlank(body, start, end)) {
                    if (spans.size() == IngestService.MAX_EVENTS_PER_REQUEST) {
                        throw tooMany("more than " + IngestService.MAX_EVENTS_PER_REQUEST + " NDJSON lines");
                    }
                    spans.add(new int[] {start, end});
                }
                start = i + 1;
            }
        }
        List<Item> items = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            items.add(line(body, span[0], span[1]));
        }
        return items;
    }

    private static ApiException tooMany(String what) {
        return new ApiException(413, "too_many_events", "the body holds " + what + "; one request takes at most "
                + IngestService.MAX_EVENTS_PER_REQUEST + " events: split it into several requests");
    }

    private static Item line(byte[] body, int start, int end) {
        try {
            return Item.of(EventJson.MAPPER.readTree(body, start, end - start));
        } catch (IOException e) {
            String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            return new Item(null, "malformed JSON: " + message, Arrays.copyOfRange(body, start, end));
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
