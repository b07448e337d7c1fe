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
 * which after a repartition is the newest time of the fastest upstream partition.
 *
 * <p>Event time is cut into buckets one de-duplication window wide, and an id is kept under (bucket, id)
 * with its time as the value. An id seen within the window of a time can only be in that time's bucket or
 * the two beside it, so a look-up is three point reads (which RocksDB's bloom filters answer mostly
 * without touching a file) instead of a range scan; and a bucket holds at most one time per id, since a
 * second within the same bucket is a repeat. Buckets first in the key make expiry a scan of the oldest.
 *
 * <p>Stores written before buckets hold two families of keys (by id then time; by time then id). While
 * any is left, look-ups also consult them and expiry also forgets them, so an upgrade misses no repeat.
 */
final class SeenIds {
    private static final byte BY_BUCKET = 'B';
    private static final byte LEGACY_BY_ID = 'K';
    private static final byte LEGACY_BY_TIME = 'T';

    private final KeyValueStore<Bytes, byte[]> store;
    private final long windowMs;
    private final long bucketMs;
    private boolean legacyLeft;

    /** @param windowMs how far apart in event time two sightings of an id may be and still be one */
    SeenIds(KeyValueStore<Bytes, byte[]> store, long windowMs) {
        this.store = store;
        this.windowMs = windowMs;
        this.bucketMs = Math.max(1, windowMs);
        try (KeyValueIterator<Bytes, byte[]> legacy = store.range(legacyByTime(Long.MIN_VALUE, new byte[0]),
                legacyByTime(Long.MAX_VALUE, null))) {
            this.legacyLeft = legacy.hasNext();
        }
    }

    /** Whether {@code id} was seen within the window of {@code time}, either side. */
    boolean seenNear(String id, long time) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        long bucket = Math.floorDiv(time, bucketMs);
        for (long near = bucket - 1; near <= bucket + 1; near++) {
            byte[] seenAt = store.get(byBucket(near, idBytes));
            if (seenAt != null && Math.abs(ByteBuffer.wrap(seenAt).getLong() - time) <= windowMs) {
                return true;
            }
        }
        return legacyLeft && legacySeenBetween(idBytes, saturatedAdd(time, -windowMs), saturatedAdd(time, windowMs));
    }

    /** Records {@code id} at {@code time}; call only when {@link #seenNear} said no. */
    void add(String id, long time) {
        store.put(byBucket(Math.floorDiv(time, bucketMs), id.getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.allocate(Long.BYTES).putLong(time).array());
    }

    /**
     * Forgets up to {@code max} ids of buckets that ended at or before {@code cutoff}, oldest first; returns
     * how many. An id is so kept up to one bucket longer than its time alone asks, never less.
     */
    int expireBefore(long cutoff, int max) {
        if (cutoff == Long.MIN_VALUE) {
            return 0;
        }
        long lastEndedBucket = Math.floorDiv(cutoff, bucketMs) - 1;
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> old = store.range(byBucket(Long.MIN_VALUE, new byte[0]), byBucket(lastEndedBucket, null))) {
            while (old.hasNext() && expired.size() < max) {
                expired.add(old.next().key);
            }
        }
        expired.forEach(store::delete);
        return expired.size() + (legacyLeft ? legacyExpireBefore(cutoff, max - expired.size()) : 0);
    }

    private boolean legacySeenBetween(byte[] id, long from, long to) {
        try (KeyValueIterator<Bytes, byte[]> seen = store.range(legacyById(id, from), legacyById(id, to))) {
            return seen.hasNext();
        }
    }

    private int legacyExpireBefore(long cutoff, int max) {
        List<Bytes> expired = new ArrayList<>();
        boolean more;
        try (KeyValueIterator<Bytes, byte[]> old = store.range(legacyByTime(Long.MIN_VALUE, new byte[0]), legacyByTime(cutoff - 1, null))) {
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
            store.delete(legacyById(idBytes, time));
            store.delete(key);
        }
        try (KeyValueIterator<Bytes, byte[]> left = store.range(legacyByTime(Long.MIN_VALUE, new byte[0]), legacyByTime(Long.MAX_VALUE, null))) {
            more = left.hasNext();
        }
        legacyLeft = more;
        return expired.size();
    }

    /** @param id null for the end of a range: after every id of that bucket (UTF-8 has no 0xFF byte) */
    private static Bytes byBucket(long bucket, byte[] id) {
        if (id == null) {
            return Bytes.wrap(ByteBuffer.allocate(1 + 8 + 1).put(BY_BUCKET).putLong(sortable(bucket)).put((byte) 0xFF).array());
        }
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + id.length).put(BY_BUCKET).putLong(sortable(bucket)).put(id).array());
    }

    /** The id's length first, so that one id is never a prefix of another's range. */
    private static Bytes legacyById(byte[] id, long time) {
        return Bytes.wrap(ByteBuffer.allocate(1 + 4 + id.length + 8).put(LEGACY_BY_ID).putInt(id.length).put(id)
                .putLong(sortable(time)).array());
    }

    /** @param id null for the end of a range: after every id of that time */
    private static Bytes legacyByTime(long time, byte[] id) {
        if (id == null) {
            return Bytes.wrap(ByteBuffer.allocate(1 + 8 + 1).put(LEGACY_BY_TIME).putLong(sortable(time)).put((byte) 0xFF).array());
        }
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + id.length).put(LEGACY_BY_TIME).putLong(sortable(time)).put(id).array());
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? (b < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /** Big-endian with the sign bit flipped: byte order is time order, negative times included. */
    private static long sortable(long time) {
        return time ^ Long.MIN_VALUE;
    }
}
