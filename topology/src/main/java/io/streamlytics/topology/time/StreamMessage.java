package io.streamlytics.topology.time;

import io.streamlytics.topology.admission.Admitted;

/**
 * What flows through a watermarked repartition topic: events, and the stream time of the input
 * partition they came from, so that downstream tasks close windows on the minimum over all inputs.
 */
public sealed interface StreamMessage<E> extends Admitted<E> permits StreamMessage.Event, StreamMessage.Watermark {

    record Event<E>(E event) implements StreamMessage<E> {
    }

    /** Every event from {@code sourcePartition} admitted after this one is on time for {@code streamTime}. */
    record Watermark<E>(int sourcePartition, long streamTime) implements StreamMessage<E> {
    }
}
