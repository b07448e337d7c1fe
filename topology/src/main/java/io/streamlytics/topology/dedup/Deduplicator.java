package io.streamlytics.topology.dedup;

import io.streamlytics.topology.admission.Admitted;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.watermark.LowWatermark;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

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
 * <p>Seen ids are forgotten only once the low watermark over every input partition has passed them by
 * more than any admitted event can be older than its partition's stream time, plus the window: so
 * however far one upstream partition runs ahead of another in a backfill, no id still needed is gone.
 *
 * @param <E> the event; {@code toJson} writes it back for duplicate-events
 */
public final class Deduplicator<E> implements Processor<String, StreamMessage<E>, String, Admitted<E>> {
    public static final String REASON_CODE = "duplicate_id";
    /** Ids forgotten per watermark at most, so one large advance does not stall the task. */
    private static final int EXPIRY_BATCH = 10_000;

    /**
     * @param seenStore          key-value store of the seen ids
     * @param watermarkStore     key-value store of the input partitions' watermarks
     * @param source             the input topic, each of whose partitions is waited for
     * @param maxAdmittedAge     how much older than its partition's stream time an admitted event can be
     */
    public record Settings(String seenStore, String watermarkStore, WatermarkSource source, Duration window,
                           Duration maxAdmittedAge) {
    }

    private final Settings settings;
    private final Function<E, String> idOf;
    private final ToLongFunction<E> eventTimeOf;
    private final Function<E, String> toJson;
    private final long windowMs;
    private ProcessorContext<String, Admitted<E>> context;
    private SeenIds seen;
    private LowWatermark lowWatermark;

    public Deduplicator(Settings settings, Function<E, String> idOf, ToLongFunction<E> eventTimeOf, Function<E, String> toJson) {
        this.settings = settings;
        this.idOf = idOf;
        this.eventTimeOf = eventTimeOf;
        this.toJson = toJson;
        this.windowMs = settings.window().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Admitted<E>> context) {
        this.context = context;
        this.seen = new SeenIds(context.getStateStore(settings.seenStore()), windowMs);
        this.lowWatermark = new LowWatermark(context.getStateStore(settings.watermarkStore()), settings.source(), context);
    }

    @Override
    public void process(Record<String, StreamMessage<E>> record) {
        if (record.value() instanceof StreamMessage.Event<E> event) {
            String id = idOf.apply(event.event());
            if (id != null) {
                String seenKey = record.key() + '\u0000' + id;
                long time = eventTimeOf.applyAsLong(event.event());
                if (seen.seenNear(seenKey, time)) {
                    forwardDuplicate(record, event.event(), id);
                    return;
                }
                seen.add(seenKey, time);
            }
        } else if (record.value() instanceof StreamMessage.Watermark<E> watermark) {
            lowWatermark.observe(watermark);
            lowWatermark.current().ifPresent(low ->
                    seen.expireBefore(SeenIds.saturatedAdd(low, -settings.maxAdmittedAge().toMillis() - windowMs), EXPIRY_BATCH));
        }
        context.forward(record.withValue(new Admitted.Passed<>(record.value())));
    }

    private void forwardDuplicate(Record<String, StreamMessage<E>> record, E event, String id) {
        ErrorHeaders.add(record.headers(), settings.source().topic(), REASON_CODE, "id '" + id + "' already seen within "
                + Duration.ofMillis(windowMs) + " of event time " + Instant.ofEpochMilli(eventTimeOf.applyAsLong(event)));
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        context.forward(record.withValue(new Admitted.Duplicate<>(key, toJson.apply(event).getBytes(StandardCharsets.UTF_8))));
    }
}
