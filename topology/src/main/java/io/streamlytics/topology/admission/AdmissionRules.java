package io.streamlytics.topology.admission;

import io.streamlytics.topology.events.EventParser;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * How one input topic is admitted: parsed, keyed, timed, and judged late.
 *
 * @param windowCloseOf   event time to the stream time at which the event's window closes (window end + grace)
 * @param watermarkStep   stream-time progress after which a watermark is sent at once
 * @param watermarkPeriod wall-clock period at which any smaller progress is sent
 */
public record AdmissionRules<E>(EventParser<E> parser,
                                Function<E, String> keyOf,
                                ToLongFunction<E> eventTimeOf,
                                LongUnaryOperator windowCloseOf,
                                String streamTimeStore,
                                Duration watermarkStep,
                                Duration watermarkPeriod) {
}
