package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.events.ApiRequest;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The store format of a customer's day keeps every count, the sum, both minute bitmaps and the sketch. */
class CustomerDayAggregateSerdeTest {
    static final long DAY_START = Instant.parse("2024-09-03T00:00:00Z").toEpochMilli();
    private final CustomerDayAggregateSerde serde = new CustomerDayAggregateSerde();

    static ApiRequest event(long minuteOfDay, int status, double duration) {
        return new ApiRequest(DAY_START + minuteOfDay * 60_000 + 1234, "c", "GET", "/x", status, duration, null);
    }

    private CustomerDayAggregate roundTrip(CustomerDayAggregate day) {
        return serde.deserialize("store-changelog", serde.serialize("store-changelog", day));
    }

    @Test
    void roundTripKeepsEveryField() {
        var day = new CustomerDayAggregate();
        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            int status = new int[] {200, 404, 500}[random.nextInt(3)];
            day.add(event(random.nextInt(1440), status, random.nextDouble() * 300), DAY_START);
        }
        day.add(event(0, 500, 0), DAY_START);      // first and last minute of the day, a zero duration
        day.add(event(1439, 200, 10_000), DAY_START);

        byte[] bytes = serde.serialize("t", day);
        CustomerDayAggregate back = serde.deserialize("t", bytes);
        assertEquals(day.successRequests, back.successRequests);
        assertEquals(day.failedRequests, back.failedRequests);
        assertEquals(day.clientErrors, back.clientErrors);
        assertEquals(day.durations.sumMicros(), back.durations.sumMicros());
        assertEquals(day.activeMinutes, back.activeMinutes);
        assertEquals(day.healthyMinutes, back.healthyMinutes);
        assertEquals(day.durations.count(), back.durations.count());
        assertEquals(day.toRow("c", DAY_START), back.toRow("c", DAY_START));
        assertArrayEquals(bytes, serde.serialize("t", back), "stable: a second round trip writes the same bytes");

        // what is read back keeps aggregating like the original
        day.add(event(700, 503, 42), DAY_START);
        back.add(event(700, 503, 42), DAY_START);
        assertEquals(day.toRow("c", DAY_START), back.toRow("c", DAY_START));
    }

    @Test
    void emptyDayRoundTrips() {
        var back = roundTrip(new CustomerDayAggregate());
        assertEquals(0, back.requests());
        assertEquals(new CustomerDayAggregate().toRow("c", DAY_START), back.toRow("c", DAY_START));
    }

    @Test
    void nullIsNull() {
        assertNull(serde.serialize("t", null));
        assertNull(serde.deserialize("t", null));
    }

    @Test
    void unknownVersionOrTruncatedBytesFailLoudly() {
        var day = new CustomerDayAggregate();
        day.add(event(1, 200, 5), DAY_START);
        byte[] bytes = serde.serialize("t", day);
        byte[] otherVersion = bytes.clone();
        otherVersion[0] = 99;
        var e = assertThrows(SerializationException.class, () -> serde.deserialize("t", otherVersion));
        assertEquals("unknown format version 99, expected " + bytes[0], e.getCause().getMessage());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(SerializationException.class, () -> serde.deserialize("t", truncated));
    }
}
