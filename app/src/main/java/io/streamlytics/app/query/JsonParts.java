package io.streamlytics.app.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamlytics.topology.events.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** Parts travel between instances as JSON and are read back into the asker's type. */
public final class JsonParts {
    private JsonParts() {
    }

    public static byte[] encode(PartitionGatherer.Part<?> part) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(part);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> Function<byte[], PartitionGatherer.Part<T>> decoder(TypeReference<PartitionGatherer.Part<T>> type) {
        return body -> {
            try {
                return EventJson.MAPPER.readValue(body, type);
            } catch (IOException e) {
                throw new UncheckedIOException("an instance answered a part that is not readable", e);
            }
        };
    }
}
