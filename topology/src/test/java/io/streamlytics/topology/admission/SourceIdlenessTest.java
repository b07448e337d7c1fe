package io.streamlytics.topology.admission;

import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestParser;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.StreamMessage;
import io.streamlytics.topology.watermark.WatermarkSource;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** An input partition declares itself idle only when it is caught up and has had no record for the idle timeout. */
class SourceIdlenessTest {
    private static final long NOW = 1_725_000_000_000L;
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final MockProcessorContext<String, Admitted<ApiRequest>> context = new MockProcessorContext<>();
    private final AtomicBoolean caughtUp = new AtomicBoolean(true);

    private AdmissionProcessor<ApiRequest> admission() {
        AdmissionTestStores.addStreamTimeStore(context);
        context.setCurrentSystemTimeMs(NOW);
        SourceProgress progress = new SourceProgress() {
            @Override
            public int partitions(String topic) {
                return 1;
            }

            @Override
            public boolean caughtUp(String topic, int partition) {
                return caughtUp.get();
            }

            @Override
            public long idleProvenAt(String topic, java.util.Set<Integer> idlePartitions, String downstreamTopic, int downstreamPartition) {
                throw new AssertionError("admission never asks for a proof of idleness");
            }
        };
        var rules = new AdmissionRules<>(new ApiRequestParser(), ApiRequest::customerId, ApiRequest::timestamp,
                time -> time + Duration.ofHours(1).toMillis(), "stream-time",
                new AdmissionRules.Watermarks(Duration.ofMinutes(1), Duration.ofSeconds(1), IDLE_TIMEOUT, new WatermarkSource("api-requests", progress)));
        var processor = new AdmissionProcessor<>(rules);
        processor.init(context);
        return processor;
    }

    private List<Object> watermarks() {
        return context.forwarded().stream().<Object>map(forward -> forward.record().value())
                .filter(value -> value instanceof Admitted.Passed<?> passed && passed.message() instanceof StreamMessage.Watermark<?>).toList();
    }

    private void punctuateAt(long now) {
        context.setCurrentSystemTimeMs(now);
        context.scheduledPunctuators().forEach(punctuator -> punctuator.getPunctuator().punctuate(now));
    }

    private void pipe(AdmissionProcessor<ApiRequest> admission, long eventTime) {
        context.setRecordMetadata("api-requests", 0, 0);
        String json = "{\"timestamp\":" + eventTime + ",\"customer_id\":\"c\",\"request_path\":\"/a\",\"status_code\":200,\"duration_ms\":1}";
        admission.process(new Record<>(null, json.getBytes(StandardCharsets.UTF_8), NOW));
    }

    private void assertNextEventPrecededByActiveWatermark(AdmissionProcessor<ApiRequest> admission, long eventTime) {
        context.resetForwards();
        pipe(admission, eventTime);
        var forwarded = context.forwarded().stream().map(forward -> forward.record().value()).toList();
        assertEquals(new Admitted.Passed<>(new StreamMessage.Watermark<>(0, eventTime, false)), forwarded.get(0));
        assertInstanceOf(StreamMessage.Event.class, assertInstanceOf(Admitted.Passed.class, forwarded.get(1)).message());
    }

    @Test
    void anEmptyCaughtUpPartitionDeclaresItselfIdleOnceAfterTheTimeout() {
        admission();
        punctuateAt(NOW + IDLE_TIMEOUT.toMillis() - 1);
        assertEquals(List.of(), watermarks());
        punctuateAt(NOW + IDLE_TIMEOUT.toMillis());
        punctuateAt(NOW + 2 * IDLE_TIMEOUT.toMillis());
        assertEquals(List.of(new Admitted.Passed<>(new StreamMessage.Watermark<>(0, Long.MIN_VALUE, true))), watermarks());
    }

    @Test
    void aPartitionWithABacklogIsNeverIdle() {
        caughtUp.set(false);
        admission();
        punctuateAt(NOW + 10 * IDLE_TIMEOUT.toMillis());
        assertEquals(List.of(), watermarks());
    }

    @Test
    void theFirstEventAfterIdlenessIsPrecededByAnActiveWatermark() {
        var admission = admission();
        punctuateAt(NOW + IDLE_TIMEOUT.toMillis());
        assertNextEventPrecededByActiveWatermark(admission, 1_724_000_000_000L);
    }

    /**
     * Kafka Streams revives a task whose transaction was aborted (fenced, corrupted) by calling init() again on the same
     * processor objects, with the stores restored to the last commit: the watermarks sent in the aborted transaction never
     * reached downstream, so the replayed first event must be preceded by its active watermark again.
     */
    @Test
    void aRevivedTaskSendsItsActiveWatermarkAgain() {
        var admission = admission();
        punctuateAt(NOW + IDLE_TIMEOUT.toMillis());
        pipe(admission, 1_724_000_000_000L);
        admission.init(context);
        assertNextEventPrecededByActiveWatermark(admission, 1_724_000_000_000L);
    }

    @Test
    void aRevivedIdleTaskDeclaresItselfIdleAgain() {
        var admission = admission();
        punctuateAt(NOW + IDLE_TIMEOUT.toMillis());
        context.setCurrentSystemTimeMs(NOW + IDLE_TIMEOUT.toMillis());
        admission.init(context);
        context.resetForwards();
        punctuateAt(NOW + 2 * IDLE_TIMEOUT.toMillis());
        assertEquals(List.of(new Admitted.Passed<>(new StreamMessage.Watermark<>(0, Long.MIN_VALUE, true))), watermarks());
    }
}
