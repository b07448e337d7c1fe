package io.streamlytics.topology.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.streamlytics.topology.admission.AdmissionProcessor;
import io.streamlytics.topology.admission.AdmissionRules;
import io.streamlytics.topology.admission.Admitted;
import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.events.ApiRequestParser;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.WatermarkSource;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Any record on an input topic leaves admission as exactly one of: an event keyed by its customer, a
 * late record, or a rejected one, the last two with a reason code and message in their headers. One
 * processor sees every input of a run, so stream time and lateness are fuzzed along with the parser.
 */
class AdmissionFuzzTest {
    private static final String STORE = "fuzz-stream-time";
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final byte[] KEY = "producer-key".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private static final MockProcessorContext<String, Admitted<ApiRequest>> CONTEXT = new MockProcessorContext<>();
    private static final AdmissionProcessor<ApiRequest> ADMISSION = admission();

    @FuzzTest(maxDuration = "3m")
    @DictionaryFile(resourcePath = EventParsersFuzzTest.EVENT_FIELDS)
    void everyRecordIsAdmittedLateOrRejectedWithAReason(FuzzedDataProvider data) {
        // Jazzer takes numbers from the end of its input, bytes from the front: a seed is the JSON value, then 8 bytes of time
        long recordTimestamp = data.consumeLong(0, EventParsersFuzzTest.NOW);
        byte[] value = data.consumeRemainingAsBytes();
        CONTEXT.resetForwards();
        CONTEXT.setRecordMetadata("api-requests", 0, 0);
        CONTEXT.setCurrentSystemTimeMs(EventParsersFuzzTest.NOW);
        ADMISSION.process(new Record<>(KEY, value, recordTimestamp));

        // around the record, watermarks only: the first record after a start says the partition is active
        List<CapturedForward<? extends String, ? extends Admitted<ApiRequest>>> out = CONTEXT.forwarded().stream()
                .filter(forward -> !(forward.record().value() instanceof Admitted.Passed<?> passed
                        && passed.message() instanceof StreamMessage.Watermark<?>)).toList();
        assertEquals(1, out.size(), "an input record must leave admission exactly once: " + CONTEXT.forwarded());
        Record<? extends String, ? extends Admitted<ApiRequest>> first = out.get(0).record();
        if (first.value() instanceof Admitted.Passed<ApiRequest> passed && passed.message() instanceof StreamMessage.Event<ApiRequest> event) {
            assertEquals(event.event().customerId(), first.key());
        } else if (first.value() instanceof Admitted.Raw<ApiRequest> raw) {
            assertNotNull(raw.value());
            String code = ErrorHeaders.read(first.headers(), ErrorHeaders.EXCEPTION);
            String reason = ErrorHeaders.read(first.headers(), ErrorHeaders.REASON);
            assertTrue(code != null && !code.isBlank(), "no reason code");
            assertTrue(reason != null && !reason.isBlank(), "no reason");
            assertEquals("api-requests", ErrorHeaders.read(first.headers(), ErrorHeaders.TOPIC));
        } else {
            fail("admission forwarded " + first.value());
        }
    }

    private static AdmissionProcessor<ApiRequest> admission() {
        KeyValueStore<String, Long> streamTime = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        streamTime.init(CONTEXT.getStateStoreContext(), streamTime);
        CONTEXT.addStateStore(streamTime);
        CONTEXT.setCurrentSystemTimeMs(EventParsersFuzzTest.NOW);
        var rules = new AdmissionRules<>(new ApiRequestParser(), ApiRequest::customerId, ApiRequest::timestamp,
                time -> time - Math.floorMod(time, DAY_MS) + DAY_MS + Duration.ofHours(6).toMillis(),
                STORE, new AdmissionRules.Watermarks(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30),
                        new WatermarkSource("api-requests", SourceProgress.singlePartitions())));
        AdmissionProcessor<ApiRequest> processor = new AdmissionProcessor<>(rules);
        processor.init(CONTEXT);
        return processor;
    }
}
