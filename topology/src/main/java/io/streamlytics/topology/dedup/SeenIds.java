package io.streamlytics.topology.dedup;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The (key, id) pairs seen, each at its event time, in a key-value store that expires them only when
 * told to: by the low watermark over every input partition, never by the stream time of the task,
 * which after a repartition is the newest time of the fastest upstream partition. Two families of keys:
 * by id then time, for the look-up; by time then id, for the expiry.
 */
final class SeenIds {
    private static final byte BY_ID = 'K';
    private static final byte BY_TIME = 'T';
    private static final byte[] PRESENT = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    SeenIds(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Whether {@code id} was seen at a time in {@code [from, to]}. */
    boolean seenBetween(String id, long from, long to) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        try (KeyValueIterator<Bytes, byte[]> seen = store.range(byId(idBytes, from), byId(idBytes, to))) {
            return seen.hasNext();
        }
    }

    void add(String id, long time) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        store.put(byId(idBytes, time), PRESENT);
        store.put(byTime(time, idBytes), PRESENT);
    }

    /** Forgets up to {@code max} ids seen before {@code cutoff}, oldest first; returns how many. */
    int expireBefore(long cutoff, int max) {
        if (cutoff == Long.MIN_VALUE) {
            return 0;
        }
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> old = store.range(byTime(Long.MIN_VALUE, new byte[0]), byTime(cutoff - 1, null))) {
            while (old.hasNext() && expired.size() < max) {
                KeyValue<Bytes, byte[]> entry = old.next();
                expired.add(entry.key);
            }
        }
        for (Bytes key : expired) {
            ByteBuffer buffer = ByteBuffer.wrap(key.get());
            buffer.get();
            long time = buffer.getLong() ^ Long.MIN_VALUE;
            byte[] idBytes = new byte[buffer.remaining()];
            buffer.get(idBytes);
            store.delete(byId(idBytes, time));
            store.delete(key);
        }
        return expired.size();
    }

    /** The id's length first, so that one id is never a prefix of another's range. */
    private static Bytes byId(byte[] id, long time) {
        return Bytes.wrap(ByteBuffer.allocate(1 + 4 + id.length + 8).put(BY_ID).putInt(id.length).put(id)
                .putLong(sortable(time)).array());
    }

    /** @param id null for the end of a range: after every id of that time (UTF-8 has no 0xFF byte) */
    private static Bytes byTime(long time, byte[] id) {
        if (id == null) {
            return Bytes.wrap(ByteBuffer.allocate(1 + 8 + 1).put(BY_TIME).putLong(sortable(time)).put((byte) 0xFF).array());
        }
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + id.length).put(BY_TIME).putLong(sortable(time)).put(id).array());
    }

    /** Big-endian with the sign bit flipped: byte order is time order, negative times included. */
    private static long sortable(long time) {
        return time ^ Long.MIN_VALUE;
    }
}
