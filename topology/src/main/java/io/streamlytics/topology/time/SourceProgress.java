package io.streamlytics.topology.time;

/**
 * What the topology learns of its input topics from outside, at start-up and while it runs: how many
 * partitions each has, and whether the group has consumed everything appended to a partition so far.
 * A low watermark waits for every partition; a partition stops holding windows open only when its own
 * admission task has seen no record for the idle timeout and it is caught up (see {@code AdmissionProcessor}).
 */
public interface SourceProgress {

    /** The partition count of an input topic, as the cluster's metadata gave it at start-up. */
    int partitions(String topic);

    /** Whether nothing appended to this partition is still waiting to be consumed; false when unknown. */
    boolean caughtUp(String topic, int partition);

    /** One partition per topic, always caught up: what {@code TopologyTestDriver} runs. */
    static SourceProgress singlePartitions() {
        return new SourceProgress() {
            @Override
            public int partitions(String topic) {
                return 1;
            }

            @Override
            public boolean caughtUp(String topic, int partition) {
                return true;
            }
        };
    }
}
