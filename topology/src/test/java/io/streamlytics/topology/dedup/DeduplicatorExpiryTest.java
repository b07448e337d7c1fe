package io.streamlytics.topology.dedup;

import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.admission.Admitted;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestJson;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The de-duplication stage on its own, after a repartition fed by two input partitions days apart in
 * event time, as in a burst backfill: a slow partition's ids are kept until the low watermark over both
 * has passed them, not expired by the fast partition's time.
 */
class DeduplicatorExpiryTest {
    private static final Instant DAY_1 = Instant.parse("2024-09-01T12:00:00Z");
    private static final Instant DAY_5 = DAY_1.plus(Duration.ofDays(4));
    private final MockProcessorContext<String, Admitted<ApiRequest>> context = new MockProcessorContext<>();
    private final Deduplicator<ApiRequest> dedup = new Deduplicator<>(new Deduplicator.Settings("seen", "watermarks", WatermarkSource.allCaughtUp("api-requests", 2),
            Duration.ofHours(1), Duration.ofDays(1).plusHours(6)),
            ApiRequest::requestId, ApiRequest::timestamp, ApiRequestJson::write);
    private KeyValueStore<Bytes, byte[]> seen;

    @BeforeEach
    void init() {
        seen = DedupTestStores.register(context);
        dedup.init(context);
    }

    private void event(Instant time, String id) {
        var request = new ApiRequest(time.toEpochMilli(), "c", "GET", "/a", 200, 1.0, id);
        dedup.process(new Record<>("c", new StreamMessage.Event<>(request, time.toEpochMilli()), time.toEpochMilli()));
    }

    private void watermark(int partition, Instant time) {
        dedup.process(new Record<>("watermark-" + partition, new StreamMessage.Watermark<>(partition, time.toEpochMilli()),
                time.toEpochMilli()));
    }

    private List<String> kinds() {
        return context.forwarded().stream().<Object>map(forward -> forward.record().value())
                .map(value -> value instanceof Admitted.Passed<?> passed ? passed.message() : value)
                .map(value -> value.getClass().getSimpleName()).toList();
    }

    private int entries() {
        int n = 0;
        try (KeyValueIterator<Bytes, byte[]> all = seen.all()) {
            while (all.hasNext()) {
                all.next();
                n++;
            }
        }
        return n;
    }

    @Test
    void aSlowPartitionsIdsSurviveAFastPartitionDaysAhead() {
        watermark(0, DAY_5);
        event(DAY_5, "fast");
        watermark(1, DAY_1);
        event(DAY_1, "slow");
        event(DAY_1.plus(Duration.ofMinutes(30)), "slow");
        assertEquals(List.of("Watermark", "Event", "Watermark", "Event", "Duplicate"), kinds());
    }

    @Test
    void idsAreForgottenOnceTheLowWatermarkHasPassedTheirHourByTheMostAnEventCanBeBehind() {
        watermark(0, DAY_1);
        watermark(1, DAY_1);
        event(DAY_1.plus(Duration.ofMinutes(10)), "old");
        watermark(0, DAY_5);
        assertEquals(1, entries(), "partition 1 is still at day 1: nothing is forgotten");
        // ids are kept by hour of event time (12:00-13:00 here), each hour until 1 day + 6 h grace + 1 h window after its end
        watermark(1, DAY_1.plus(Duration.ofHours(32)).minusMillis(1));
        assertEquals(1, entries(), "the id's hour ends 1 ms after the cutoff: kept");
        watermark(1, DAY_1.plus(Duration.ofHours(32)));
        assertEquals(0, entries());
    }

    @Test
    void idsStoredBeforeHourBucketsAreStillFoundAndThenForgotten() {
        // the earlier layout, written here byte for byte: 'K', id length, id, time; and 'T', time, id (times sign-flipped)
        byte[] id = "c\u0000legacy".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long time = DAY_1.toEpochMilli();
        seen.put(Bytes.wrap(java.nio.ByteBuffer.allocate(1 + 4 + id.length + 8).put((byte) 'K').putInt(id.length).put(id)
                .putLong(time ^ Long.MIN_VALUE).array()), new byte[0]);
        seen.put(Bytes.wrap(java.nio.ByteBuffer.allocate(1 + 8 + id.length).put((byte) 'T').putLong(time ^ Long.MIN_VALUE)
                .put(id).array()), new byte[0]);
        dedup.init(context);
        watermark(0, DAY_1);
        watermark(1, DAY_1);
        event(DAY_1.plus(Duration.ofMinutes(59)), "legacy");
        event(DAY_1.plus(Duration.ofMinutes(61)), "legacy");
        assertEquals(List.of("Watermark", "Watermark", "Duplicate", "Event"), kinds());
        assertEquals(3, entries(), "the two earlier entries and the new one");
        // 1 day + 6 h + 1 h after the legacy id's own time, and past the new id's hour (13:00-14:00)
        watermark(0, DAY_1.plus(Duration.ofHours(33)));
        watermark(1, DAY_1.plus(Duration.ofHours(33)));
        assertEquals(0, entries());
        event(DAY_1.plus(Duration.ofMinutes(30)), "legacy");
        assertEquals("Event", kinds().get(kinds().size() - 1), "forgotten, so seen as new");
    }
}
