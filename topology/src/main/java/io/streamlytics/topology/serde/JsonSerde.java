package io.streamlytics.topology.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.common.errors.SerializationException;

import java.io.IOException;

/** JSON for output topics, which downstream systems read. */
public final class JsonSerde<T> extends SelfSerde<T> {
    private final Class<T> type;

    public JsonSerde(Class<T> type) {
        this.type = type;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("cannot read " + type.getSimpleName() + " from JSON", e);
        }
    }
}
