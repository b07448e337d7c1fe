package io.streamlytics.topology.dedup;

import io.streamlytics.topology.admission.Admitted;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Passes on the first event of each (key, id) within the de-duplication window of event time, either
 * side; events without an id and watermarks pass unchanged. Runs after the repartition by key, so
 * copies produced to different input partitions still meet. A repeat is not counted again; it goes on
 * as a {@link Admitted.Duplicate}, for duplicate-events, with headers naming the id.
 *
 * @param <E> the event; {@code toJson} writes it back for duplicate-events
 */
public final class Deduplicator<E> implements Processor<String, StreamMessage<E>, String, Admitted<E>> {
    public static final String REASON_CODE = "duplicate_id";

    private final String storeName;
    private final Function<E, String> idOf;
    private final ToLongFunction<E> eventTimeOf;
    private final Function<E, String> toJson;
    private final String sourceTopic;
    private final long windowMs;
    private ProcessorContext<String, Admitted<E>> context;
    private WindowStore<String, Long> seen;

    public Deduplicator(String storeName, Function<E, String> idOf, ToLongFunction<E> eventTimeOf, Function<E, String> toJson,
                        String sourceTopic, Duration window) {
        this.storeName = storeName;
        this.idOf = idOf;
        this.eventTimeOf = eventTimeOf;
        this.toJson = toJson;
        this.sourceTopic = sourceTopic;
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Admitted<E>> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, StreamMessage<E>> record) {
        if (record.value() instanceof StreamMessage.Event<E> event) {
            String id = idOf.apply(event.event());
            if (id != null) {
                String seenKey = record.key() + '\u0000' + id;
                long time = eventTimeOf.applyAsLong(event.event());
                if (seenWithinWindow(seenKey, time)) {
                    forwardDuplicate(record, event.event(), id);
                    return;
                }
                seen.put(seenKey, time, time);
            }
        }
        context.forward(record.withValue(record.value()));
    }

    private void forwardDuplicate(Record<String, StreamMessage<E>> record, E event, String id) {
        ErrorHeaders.add(record.headers(), sourceTopic, REASON_CODE, "id '" + id + "' already seen within "
                + Duration.ofMillis(windowMs) + " of event time " + Instant.ofEpochMilli(eventTimeOf.applyAsLong(event)));
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(record.withValue(new Admitted.Duplicate<>(key, toJson.apply(event).getBytes(StandardCharsets.UTF_8))));
    }

    private boolean seenWithinWindow(String seenKey, long time) {
        try (WindowStoreIterator<Long> earlier = seen.fetch(seenKey, Math.max(0, time - windowMs), time + windowMs)) {
            return earlier.hasNext();
        }
    }
}
