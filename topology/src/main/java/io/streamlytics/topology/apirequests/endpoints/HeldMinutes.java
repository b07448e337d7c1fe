package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.TimeWindow;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * This partition's 1-minute partials that the window store would no longer return although the low
 * watermark has not closed them yet. The window store hides windows by its task's stream time, the
 * newest event of the fastest upstream partition; in a backfill whose partitions are more than the
 * minute retention apart, the slow partitions' minutes would be gone before they are sent. Every minute
 * at or before {@link #heldUpTo()} lives here instead (copied over, unclosed, just before the window store
 * hides it) until the low watermark has passed it by the minute retention, as a live run would keep it.
 */
final class HeldMinutes {
    private static final long MINUTE_MS = TimeWindow.ONE_MINUTE.size().toMillis();
    private static final byte MINUTE = 'M';
    private static final Bytes HELD_UP_TO = Bytes.wrap(new byte[]{'H'});

    private final KeyValueStore<Bytes, byte[]> store;
    private final EndpointWindowAggregateSerde serde = new EndpointWindowAggregateSerde();
    private long heldUpTo;

    HeldMinutes(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
        byte[] stored = store.get(HELD_UP_TO);
        heldUpTo = stored == null ? Long.MIN_VALUE : ByteBuffer.wrap(stored).getLong();
    }

    /** Minutes starting at or before this are held here, not in the window store. */
    long heldUpTo() {
        return heldUpTo;
    }

    boolean holds(long windowStart) {
        return windowStart <= heldUpTo;
    }

    record HeldMinute(String endpoint, long windowStart, EndpointWindowAggregate aggregate) {
    }

    /**
     * Moves the unclosed minutes of {@code minutes} that start at or before {@code upTo} here, before a put
     * lets the window store hide them. Closed ones are left: in a live run they are long sent when they age out.
     */
    void holdUpTo(long upTo, long closedUpTo, WindowStore<String, EndpointWindowAggregate> minutes) {
        if (upTo <= heldUpTo) {
            return;
        }
        long firstUnclosed = closedUpTo == Long.MIN_VALUE ? 0 : Math.max(0, closedUpTo - MINUTE_MS + 1);
        long from = Math.max(heldUpTo == Long.MIN_VALUE ? 0 : heldUpTo + 1, firstUnclosed);
        if (from <= upTo) {
            try (KeyValueIterator<Windowed<String>, EndpointWindowAggregate> moving =
                         minutes.fetchAll(Instant.ofEpochMilli(from), Instant.ofEpochMilli(upTo))) {
                moving.forEachRemaining(minute -> put(minute.key.key(), minute.key.window().start(), minute.value));
            }
        }
        heldUpTo = upTo;
        store.put(HELD_UP_TO, ByteBuffer.allocate(Long.BYTES).putLong(upTo).array());
    }

    EndpointWindowAggregate get(String endpoint, long windowStart) {
        byte[] value = store.get(key(windowStart, endpoint));
        return value == null ? null : serde.deserializer().deserialize(null, value);
    }

    void put(String endpoint, long windowStart, EndpointWindowAggregate aggregate) {
        store.put(key(windowStart, endpoint), serde.serializer().serialize(null, aggregate));
    }

    /** The held minutes starting in {@code [fromStart, toStart]}, oldest first. */
    List<HeldMinute> between(long fromStart, long toStart) {
        List<HeldMinute> found = new ArrayList<>();
        if (fromStart > Math.min(toStart, heldUpTo)) {
            return found;
        }
        try (KeyValueIterator<Bytes, byte[]> held = store.range(key(fromStart, ""), key(Math.min(toStart, heldUpTo) + 1, ""))) {
            while (held.hasNext()) {
                KeyValue<Bytes, byte[]> entry = held.next();
                ByteBuffer buffer = ByteBuffer.wrap(entry.key.get());
                buffer.get();
                long start = buffer.getLong() ^ Long.MIN_VALUE;
                if (start > toStart) {
                    break;
                }
                byte[] endpoint = new byte[buffer.remaining()];
                buffer.get(endpoint);
                found.add(new HeldMinute(new String(endpoint, StandardCharsets.UTF_8), start,
                        serde.deserializer().deserialize(null, entry.value)));
            }
        }
        return found;
    }

    /** Forgets the held minutes starting before {@code start}. */
    void forgetBefore(long start) {
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> held = store.range(key(Long.MIN_VALUE, ""), key(start, ""))) {
            held.forEachRemaining(entry -> {
                if (!entry.key.equals(key(start, ""))) {
                    old.add(entry.key);
                }
            });
        }
        old.forEach(store::delete);
    }

    /** Time first, sign bit flipped, so byte order is time order. */
    private static Bytes key(long windowStart, String endpoint) {
        byte[] name = endpoint.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + Long.BYTES + name.length).put(MINUTE).putLong(windowStart ^ Long.MIN_VALUE)
                .put(name).array());
    }
}
