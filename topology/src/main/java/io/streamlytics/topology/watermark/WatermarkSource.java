package io.streamlytics.topology.watermark;

import java.util.Set;

/** The input topic whose partitions a low watermark waits for, and what is known of its progress. */
public record WatermarkSource(String topic, SourceProgress progress) {

    public int partitions() {
        return progress.partitions(topic);
    }

    /** @see SourceProgress#caughtUp */
    public boolean caughtUp(int partition) {
        return progress.caughtUp(topic, partition);
    }

    /** @see SourceProgress#idleProvenAt */
    public long idleProvenAt(Set<Integer> idlePartitions, String downstreamTopic, int downstreamPartition) {
        return progress.idleProvenAt(topic, idlePartitions, downstreamTopic, downstreamPartition);
    }

    /** A topic of this many partitions, always caught up: for one task on one thread, in order. */
    public static WatermarkSource allCaughtUp(String topic, int partitions) {
        return new WatermarkSource(topic, SourceProgress.allCaughtUp(partitions));
    }
}
