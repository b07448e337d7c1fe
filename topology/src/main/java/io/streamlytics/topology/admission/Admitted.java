package io.streamlytics.topology.admission;

import io.streamlytics.topology.time.StreamMessage;

/**
 * What admission makes of one input record: an event or watermark to pass on, or the raw record
 * for dead-letters or late-events (headers say why).
 */
public interface Admitted<E> {

    /** An input record passed on as it came, to dead-letters or late-events. */
    interface Raw<E> extends Admitted<E> {
        byte[] key();

        byte[] value();
    }

    /** Could not be parsed or failed validation. */
    record Rejected<E>(byte[] key, byte[] value) implements Raw<E> {
    }

    /** Valid, but its window had closed in this partition's stream time. */
    record Late<E>(byte[] key, byte[] value) implements Raw<E> {
    }
}
