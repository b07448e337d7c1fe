package io.streamlytics.topology.admission;

import io.streamlytics.topology.events.EventParser;
import io.streamlytics.topology.watermark.WatermarkSource;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * How one input topic is admitted: parsed, keyed, timed, and judged late.
 *
 * @param windowCloseOf   event time to the stream time at which the event's window closes (window end + grace)
 * @param watermarks      when this partition's stream time, or its idleness, is sent downstream
 */
public record AdmissionRules<E>(EventParser<E> parser,
                                Function<E, String> keyOf,
                                ToLongFunction<E> eventTimeOf,
                                LongUnaryOperator windowCloseOf,
                                String streamTimeStore,
                                Watermarks watermarks) {

    /**
     * @param step        stream-time progress after which a watermark is sent at once
     * @param period      wall-clock period at which any smaller progress is sent, and idleness checked
     * @param idleTimeout wall-clock time without a record after which a caught-up partition declares itself idle
     * @param source      the input topic, and whether a partition of it is caught up
     */
    public record Watermarks(Duration step, Duration period, Duration idleTimeout, WatermarkSource source) {
    }
}
