package io.streamlytics.topology.dedup;

import io.streamlytics.topology.admission.Admitted;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestJson;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.watermark.WatermarkSource;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The de-duplication stage against a plain loop over the same events: an event is a repeat exactly when an
 * earlier event that was not a repeat had the same customer and id and an event time at most the window away,
 * either side. Times cluster around window edges, so bucket boundaries are crossed often.
 */
class DeduplicatorPropertyTest {
    private static final long START = 1_725_000_000_000L;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void repeatsAreThoseWithinTheWindowOfAnEarlierFirstSighting(long seed) {
        Random random = new Random(seed);
        long windowMs = switch ((int) (seed % 4)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 1_000;
            default -> Duration.ofHours(1).toMillis();
        };
        var context = new MockProcessorContext<String, Admitted<ApiRequest>>();
        DedupTestStores.register(context);
        var dedup = new Deduplicator<ApiRequest>(new Deduplicator.Settings("seen", "watermarks",
                WatermarkSource.allCaughtUp("api-requests", 1), Duration.ofMillis(windowMs), Duration.ofDays(1)),
                ApiRequest::requestId, ApiRequest::timestamp, ApiRequestJson::write);
        dedup.init(context);

        record Sighting(String customer, String id, long time) {
        }
        List<Sighting> firsts = new ArrayList<>();
        List<Boolean> expected = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String customer = "c" + random.nextInt(3);
            String id = "r-" + random.nextInt(40);
            long span = Math.max(1, windowMs) * 6;
            long time = START + random.nextLong(span);
            if (random.nextInt(3) == 0) {
                time += random.nextBoolean() ? windowMs : -windowMs; // right at the window's distance
            }
            long at = time;
            boolean repeat = firsts.stream().anyMatch(s -> s.customer().equals(customer) && s.id().equals(id)
                    && Math.abs(s.time() - at) <= windowMs);
            if (!repeat) {
                firsts.add(new Sighting(customer, id, time));
            }
            expected.add(repeat);
            var request = new ApiRequest(time, customer, "GET", "/a", 200, 1.0, id);
            dedup.process(new Record<>(customer, new StreamMessage.Event<>(request, time), time));
        }
        List<Boolean> actual = context.forwarded().stream().map(f -> f.record().value() instanceof Admitted.Duplicate<?>).toList();
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "seed " + seed + ", window " + windowMs + " ms, event " + i);
        }
    }
}
