package io.streamlytics.topology.dedup;

import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Passes on the first event of each (key, id) within the de-duplication window of event time, either
 * side; events without an id and watermarks pass unchanged. Runs after the repartition by key, so
 * copies produced to different input partitions still meet.
 */
public final class Deduplicator<E> implements Processor<String, StreamMessage<E>, String, StreamMessage<E>> {
    private final String storeName;
    private final Function<E, String> idOf;
    private final ToLongFunction<E> eventTimeOf;
    private final long windowMs;
    private ProcessorContext<String, StreamMessage<E>> context;
    private WindowStore<String, Long> seen;

    public Deduplicator(String storeName, Function<E, String> idOf, ToLongFunction<E> eventTimeOf, Duration window) {
        this.storeName = storeName;
        this.idOf = idOf;
        this.eventTimeOf = eventTimeOf;
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, StreamMessage<E>> context) {
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
                    return;
                }
                seen.put(seenKey, time, time);
            }
        }
        context.forward(record);
    }

    private boolean seenWithinWindow(String seenKey, long time) {
        try (WindowStoreIterator<Long> earlier = seen.fetch(seenKey, Math.max(0, time - windowMs), time + windowMs)) {
            return earlier.hasNext();
        }
    }
}
