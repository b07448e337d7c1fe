package io.streamlytics.app.query;

import io.streamlytics.app.http.ApiException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;

/** Finds which instance owns a key of a store, from the group's metadata. */
public final class KeyLocator {
    private final KafkaStreams streams;

    public KeyLocator(KafkaStreams streams) {
        this.streams = streams;
    }

    public Owner locate(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (StreamsNotStartedException | IllegalStateException e) {
            throw notReady();
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw notReady();
        }
        return new Owner(metadata.partition(), metadata.activeHost(), metadata.standbyHosts());
    }

    private ApiException notReady() {
        return ApiException.unavailable("not_ready", "the owner of this key is not known yet (state "
                + streams.state() + "): the group is starting or rebalancing");
    }
}
