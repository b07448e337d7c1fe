package io.streamlytics.topology.watermark;

import java.util.Set;

/**
 * What the topology learns of its input topics from outside, at start-up and while it runs: how many
 * partitions each has, and how far the application's consumer group has consumed them. A low watermark
 * waits for every partition; a partition stops holding windows open only when its own admission task has
 * seen no record for the idle timeout and it is caught up (see {@code AdmissionProcessor}), and a downstream
 * task passes it only once a lag reading proves that nothing appended to it before then is still on its way.
 */
public interface SourceProgress {

    /** The partition count of an input topic, as the cluster's metadata gave it at start-up. */
    int partitions(String topic);

    /** Whether nothing appended to this partition is still waiting to be consumed; false when unknown. */
    boolean caughtUp(String topic, int partition);

    /**
     * The wall-clock time (ms) at which the latest usable lag reading started, where "usable" means: at that reading
     * the group had consumed everything appended to these input partitions, and by a later reading the downstream
     * partition (a repartition topic's) had consumed everything written to it up to that first reading, so whatever
     * those input partitions sent before it has reached the downstream task. {@code Long.MIN_VALUE} while no reading
     * proves it, or when the downstream topic is not known yet ({@code null}).
     */
    long idleProvenAt(String topic, Set<Integer> idlePartitions, String downstreamTopic, int downstreamPartition);

    /** One partition per topic, always caught up: what {@code TopologyTestDriver} runs. */
    static SourceProgress singlePartitions() {
        return allCaughtUp(1);
    }

    /** Every topic with this many partitions, always caught up, idleness proven at once: one task on one thread, in order. */
    static SourceProgress allCaughtUp(int partitions) {
        return new SourceProgress() {
            @Override
            public int partitions(String topic) {
                return partitions;
            }

            @Override
            public boolean caughtUp(String topic, int partition) {
                return true;
            }

            @Override
            public long idleProvenAt(String topic, Set<Integer> idlePartitions, String downstreamTopic, int downstreamPartition) {
                return Long.MAX_VALUE;
            }
        };
    }
}
