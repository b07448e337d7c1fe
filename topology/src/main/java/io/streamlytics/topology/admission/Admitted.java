package io.streamlytics.topology.admission;

import io.streamlytics.topology.watermark.StreamMessage;

/**
 * What admission (and de-duplication) makes of one input record: an event or watermark to pass on,
 * or the record for dead-letters, late-events or duplicate-events (headers say why).
 */
public sealed interface Admitted<E> permits Admitted.Passed, Admitted.Raw {

    /** An event or watermark for the rest of the pipeline. */
    record Passed<E>(StreamMessage<E> message) implements Admitted<E> {
    }

    /** An input record passed on as it came, to dead-letters, late-events or duplicate-events. */
    sealed interface Raw<E> extends Admitted<E> permits Rejected, Late, Duplicate {
        byte[] key();

        byte[] value();
    }

    /** Could not be parsed or failed validation. */
    record Rejected<E>(byte[] key, byte[] value) implements Raw<E> {
    }

    /** Valid, but its window had closed in this partition's stream time. */
    record Late<E>(byte[] key, byte[] value) implements Raw<E> {
    }

    /** Valid and on time, but the same event was already counted: kept for audit and counting, not counted again. */
    record Duplicate<E>(byte[] key, byte[] value) implements Raw<E> {
    }
}
