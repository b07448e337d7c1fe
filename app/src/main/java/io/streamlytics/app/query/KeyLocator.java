package io.streamlytics.app.query;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds which instance owns a key of a store, from the group's metadata. Kafka Streams works that out
 * anew on every call, which costs a query route dearly (BENCHMARKS.md, section 2), so owners looked up while the
 * streams are RUNNING are remembered until their state next changes: every reassignment passes through a
 * rebalance. A remembered owner that is wrong costs a retry, never a wrong answer, since an instance checks
 * its own copy before answering from it.
 */
public final class KeyLocator {
    /** Remembered owners beyond this are all forgotten at once, bounding the memory of key lookups. */
    private static final int MAX_REMEMBERED = 100_000;

    private record StoreKey(String store, String key) {
    }

    private final KafkaStreams streams;
    private final Serializer<String> keySerializer = Serdes.String().serializer();
    private final Map<StoreKey, Owner> owners = new ConcurrentHashMap<>();

    public KeyLocator(KafkaStreams streams) {
        this.streams = streams;
    }

    public Owner locate(String store, String key) {
        StoreKey storeKey = new StoreKey(store, key);
        Owner owner = owners.get(storeKey);
        if (owner == null) {
            owner = lookUp(store, key);
            if (streams.state() == KafkaStreams.State.RUNNING) {
                if (owners.size() >= MAX_REMEMBERED) {
                    owners.clear();
                }
                owners.put(storeKey, owner);
            }
        }
        return owner;
    }

    /** Called on every change of the streams state: the assignment may have changed. */
    public void forgetOwners() {
        owners.clear();
    }

    private Owner lookUp(String store, String key) {
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, keySerializer);
        } catch (StreamsNotStartedException | IllegalStateException e) {
            throw notReady();
        }
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw notReady();
        }
        return new Owner(metadata.partition(), metadata.activeHost(), metadata.standbyHosts());
    }

    private QueryFailure notReady() {
        return new QueryFailure.NotRunning(streams.state(), "the owner of the key is not known yet: the group is starting or rebalancing");
    }
}
