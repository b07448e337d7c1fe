package io.streamlytics.topology.watermark;

/**
 * What flows through a watermarked repartition topic: events, and the stream time of the input
 * partition they came from, so that downstream tasks close windows on the minimum over all inputs.
 */
public sealed interface StreamMessage<E> permits StreamMessage.Event, StreamMessage.Watermark {

    /**
     * @param sourceStreamTime the stream time of the event's input partition when it was admitted:
     *                         downstream windows of any size judge lateness against it exactly as admission would
     */
    record Event<E>(E event, long sourceStreamTime) implements StreamMessage<E> {

        /** Whether the event's window, ending at {@code windowEnd}, had closed in its input partition. */
        public boolean lateFor(long windowEnd, long graceMs) {
            return windowEnd + graceMs <= sourceStreamTime;
        }
    }

    /**
     * Every event from {@code sourcePartition} admitted after this one is on time for {@code streamTime}.
     *
     * @param idle the partition's own admission task found it caught up and silent: it no longer holds
     *             windows open, until its next watermark (not idle) says otherwise
     */
    record Watermark<E>(int sourcePartition, long streamTime, boolean idle) implements StreamMessage<E> {

        public Watermark(int sourcePartition, long streamTime) {
            this(sourcePartition, streamTime, false);
        }
    }
}
