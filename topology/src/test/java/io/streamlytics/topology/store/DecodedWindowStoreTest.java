package io.streamlytics.topology.store;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class DecodedWindowStoreTest {
    private static final long MINUTE = 60_000;

    /** A mutable aggregate, like a sketch; its serde counts encodings and decodings. */
    static final class Tally {
        long count;

        Tally add() {
            count++;
            return this;
        }
    }

    private final CountingSerde serde = new CountingSerde();
    private WindowStore<String, Tally> serializing;
    private DecodedWindowStore<String, Tally> store;

    @BeforeEach
    void open() {
        serializing = Stores.windowStoreBuilder(Stores.inMemoryWindowStore("tallies", Duration.ofDays(1), Duration.ofMinutes(1), false),
                Serdes.String(), serde).withLoggingDisabled().build();
        store = new DecodedWindowStore<>(serializing, 3);
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void rewritingAWindowBetweenCommitsEncodesItOnceAtTheFlush() {
        for (int i = 0; i < 100; i++) {
            Tally tally = store.fetch("a", MINUTE);
            store.put("a", tally == null ? new Tally().add() : tally.add(), MINUTE);
        }
        assertEquals(0, serde.encoded);
        assertNull(serializing.fetch("a", MINUTE), "nothing reaches the wrapped store before the flush");

        store.flushCache();

        assertEquals(1, serde.encoded);
        assertEquals(0, serde.decoded);
        assertEquals(100, serializing.fetch("a", MINUTE).count);
    }

    @Test
    void afterTheFlushAWindowIsReadBackFromTheWrappedStore() {
        Tally written = new Tally().add();
        store.put("a", written, MINUTE);
        assertSame(written, store.fetch("a", MINUTE));
        store.flushCache();

        Tally read = store.fetch("a", MINUTE);

        assertEquals(1, read.count);
        assertEquals(1, serde.decoded, "the flushed object is dropped; the next read decodes");
    }

    @Test
    void rangeReadsSeeWindowsNotYetFlushed() {
        store.put("a", new Tally().add(), MINUTE);
        store.put("b", new Tally().add().add(), 2 * MINUTE);

        assertEquals(List.of("a@60000=1", "b@120000=2"), all(store.fetchAll(0, 3 * MINUTE)));
        assertEquals(List.of("b@120000=2"), all(store.fetch("b", "b", 0, 3 * MINUTE)));
        // the processors read with Instants, through WindowStore's defaults
        assertEquals(List.of("a@60000=1", "b@120000=2"), all(store.fetchAll(Instant.EPOCH, Instant.ofEpochMilli(3 * MINUTE))));
    }

    @Test
    void aRangeReadWritesDownOnlyTheWindowsOfItsRange() {
        store.put("a", new Tally().add(), MINUTE);
        store.put("a", new Tally().add(), 2 * MINUTE);

        assertEquals(List.of("a@60000=1"), all(store.fetchAll(0, MINUTE)));

        assertEquals(1, serde.encoded, "the minute outside the read stays decoded");
        assertNull(serializing.fetch("a", 2 * MINUTE));
    }

    @Test
    void holdingMoreThanTheBoundWritesEverythingBack() {
        for (int minute = 1; minute <= 3; minute++) {
            store.put("a", new Tally().add(), minute * MINUTE);
        }
        assertEquals(0, serde.encoded);

        store.put("a", new Tally().add(), 4 * MINUTE);

        assertEquals(4, serde.encoded);
        assertEquals(1, serializing.fetch("a", 4 * MINUTE).count);
    }

    @Test
    void aRecycledTaskDropsWhatItHadNotFlushed() {
        store.put("a", new Tally().add(), MINUTE);

        store.clearCache();
        store.flushCache();

        assertNull(store.fetch("a", MINUTE));
        assertEquals(0, serde.encoded);
    }

    @Test
    void aDeleteRemovesTheWindowAtOnce() {
        store.put("a", new Tally().add(), MINUTE);
        store.flushCache();
        store.put("a", new Tally().add(), MINUTE);

        store.put("a", null, MINUTE);

        assertNull(store.fetch("a", MINUTE));
        assertNull(serializing.fetch("a", MINUTE));
    }

    private static List<String> all(KeyValueIterator<Windowed<String>, Tally> iterator) {
        List<String> rows = new ArrayList<>();
        try (iterator) {
            while (iterator.hasNext()) {
                KeyValue<Windowed<String>, Tally> row = iterator.next();
                rows.add(row.key.key() + "@" + row.key.window().start() + "=" + row.value.count);
            }
        }
        return rows;
    }

    private static final class CountingSerde implements Serde<Tally> {
        int encoded;
        int decoded;

        @Override
        public Serializer<Tally> serializer() {
            return (topic, tally) -> {
                encoded++;
                return ByteBuffer.allocate(Long.BYTES).putLong(tally.count).array();
            };
        }

        @Override
        public Deserializer<Tally> deserializer() {
            return (topic, bytes) -> {
                decoded++;
                Tally tally = new Tally();
                tally.count = ByteBuffer.wrap(bytes).getLong();
                return tally;
            };
        }
    }
}
