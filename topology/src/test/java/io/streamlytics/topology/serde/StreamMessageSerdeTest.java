package io.streamlytics.topology.serde;

import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Events and watermarks on the repartition topic survive the trip unchanged. */
class StreamMessageSerdeTest {
    private final StreamMessageSerde<ApiRequest> serde = new StreamMessageSerde<>(new ApiRequestSerde());

    private StreamMessage<ApiRequest> roundTrip(StreamMessage<ApiRequest> message) {
        return serde.deserialize("api-requests-by-customer-repartition", serde.serialize("api-requests-by-customer-repartition", message));
    }

    @Test
    void eventRoundTrips() {
        var event = new StreamMessage.Event<>(new ApiRequest(1725358530120L, "cust_1", "POST", "/api/v1/orders/ä€😀",
                503, 35.2, "r-81f3"), 1725358600000L);
        assertEquals(event, roundTrip(event));
    }

    @Test
    void eventWithoutRequestIdAndExtremeValuesRoundTrips() {
        var event = new StreamMessage.Event<>(new ApiRequest(0L, "c", "GET", "/", 100, 0.0, null), 0L);
        assertEquals(event, roundTrip(event));
        var slow = new StreamMessage.Event<>(new ApiRequest(Long.MAX_VALUE, "c".repeat(4096), "GET", "/x", 599,
                Double.MAX_VALUE, "id"), Long.MAX_VALUE);
        assertEquals(slow, roundTrip(slow));
    }

    @Test
    void watermarkRoundTrips() {
        StreamMessage<ApiRequest> watermark = new StreamMessage.Watermark<>(7, 1725358530120L);
        assertEquals(watermark, roundTrip(watermark));
        StreamMessage<ApiRequest> first = new StreamMessage.Watermark<>(0, Long.MIN_VALUE);
        assertEquals(first, roundTrip(first));
    }

    @Test
    void nullAndUnknownTagsAndVersions() {
        assertNull(serde.serialize("t", null));
        assertNull(serde.deserialize("t", null));
        var e = assertThrows(SerializationException.class, () -> serde.deserialize("t", new byte[] {1, 'X'}));
        assertEquals("unknown stream message tag 88", e.getCause().getMessage());
        assertThrows(SerializationException.class, () -> serde.deserialize("t", new byte[] {2, 'W', 0, 0, 0, 1}));
    }
}
