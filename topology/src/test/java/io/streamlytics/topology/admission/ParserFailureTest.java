package io.streamlytics.topology.admission;

import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.watermark.WatermarkSource;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A parser that throws on some input sets that record aside with its reason; the task goes on. */
class ParserFailureTest {
    @Test
    void aRecordThatBreaksItsParserIsDeadLetteredWithTheExceptionAsReason() {
        MockProcessorContext<String, Admitted<String>> context = new MockProcessorContext<>();
        AdmissionTestStores.addStreamTimeStore(context);
        var rules = new AdmissionRules<String>((json, nowMs) -> {
            throw new ArithmeticException("long overflow");
        }, event -> event, event -> 0L, time -> Long.MAX_VALUE, "stream-time",
                new AdmissionRules.Watermarks(Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30),
                        new WatermarkSource("app-logs", SourceProgress.singlePartitions())));
        context.setCurrentSystemTimeMs(1_725_000_000_000L);
        var admission = new AdmissionProcessor<>(rules);
        admission.init(context);
        context.setRecordMetadata("app-logs", 0, 42);

        admission.process(new Record<>(null, "{\"app\":\"a\"}".getBytes(StandardCharsets.UTF_8), 0L));

        var forwarded = context.forwarded();
        assertEquals(1, forwarded.size());
        assertInstanceOf(Admitted.Rejected.class, forwarded.get(0).record().value());
        var headers = forwarded.get(0).record().headers();
        assertEquals("parser_error:ArithmeticException", ErrorHeaders.read(headers, ErrorHeaders.EXCEPTION));
        assertEquals("42", ErrorHeaders.read(headers, ErrorHeaders.OFFSET));
    }
}
