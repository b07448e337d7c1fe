package io.streamlytics.topology.admission;

import io.streamlytics.topology.time.StreamMessage;

/**
 * What admission makes of one input record: an event or watermark to pass on, or the raw record
 * for dead-letters or late-events (headers say why).
 */
public interface Admitted<E> {

    /** Could not be parsed or failed validation. */
    record Rejected<E>(byte[] key, byte[] value) implements Admitted<E> {
    }

    /** Valid, but its window had closed in this partition's stream time. */
    record Late<E>(byte[] key, byte[] value) implements Admitted<E> {
    }
}
