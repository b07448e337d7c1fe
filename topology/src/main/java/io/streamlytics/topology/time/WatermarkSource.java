package io.streamlytics.topology.time;

/** The input topic whose partitions a low watermark waits for, and what is known of its progress. */
public record WatermarkSource(String topic, SourceProgress progress) {

    public int partitions() {
        return progress.partitions(topic);
    }

    /** A topic of this many partitions, always caught up: for one task on one thread, in order. */
    public static WatermarkSource allCaughtUp(String topic, int partitions) {
        return new WatermarkSource(topic, SourceProgress.allCaughtUp(partitions));
    }
}
