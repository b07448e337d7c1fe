package io.streamlytics.topology.applogs;

import io.streamlytics.topology.admission.ErrorHeaders;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.AppLogJson;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Duration;
import java.time.Instant;

/**
 * When a window store would no longer keep a line: Kafka Streams' window stores hide every window
 * that starts at or before the newest window start they were given minus their retention, and that
 * newest start is the one of the task's stream time. Such a line goes to late-events with its reason.
 */
final class LogLateness {
    private LogLateness() {
    }

    /** @param newestStart the start of the window of the task's stream time */
    static boolean beyondRetention(long windowStart, long newestStart, Duration retention) {
        return windowStart <= newestStart - retention.toMillis();
    }

    static void report(ProcessorContext<String, String> context, String sourceTopic, AppLog log, String code, String what,
                       Duration retention) {
        setAside(context, sourceTopic, log, code, "event time " + Instant.ofEpochMilli(log.timestamp()) + " is beyond the "
                + retention + " that " + what + " are kept, counted from the newest line (" + Instant.ofEpochMilli(context.currentStreamTimeMs()) + ")");
    }

    /** Forwards the line as JSON with its reason in the error headers, for a sink of set-aside lines. */
    static void setAside(ProcessorContext<String, String> context, String sourceTopic, AppLog log, String code, String reason) {
        var headers = new RecordHeaders();
        ErrorHeaders.add(headers, sourceTopic, code, reason);
        context.forward(new Record<>(log.app(), AppLogJson.write(log).toString(), log.timestamp(), headers));
    }
}
