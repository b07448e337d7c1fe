package io.streamlytics.app.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.QueryableStoreType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;

/**
 * Reads this instance's active copies of a store, partition by partition, with the classic interactive
 * query API: unlike IQv2 it can read a window store backwards, which lets a newest-first search stop early.
 */
public final class LocalStoreReader {

    /** Reads one partition's copy of the store. */
    @FunctionalInterface
    public interface PartitionRead<S, T> {
        List<T> read(S store, int partition);
    }

    private final KafkaStreams streams;
    private final RunningTasks runningTasks;
    private final IntSupplier partitionCount;

    public LocalStoreReader(KafkaStreams streams, RunningTasks runningTasks, IntSupplier partitionCount) {
        this.streams = streams;
        this.runningTasks = runningTasks;
        this.partitionCount = partitionCount;
    }

    public int partitionCount() {
        return partitionCount.getAsInt();
    }

    /**
     * What the running active partitions here hold, and which partitions those are; a partition that moves
     * or restores while read is left out, for its owner to be asked.
     */
    public <S, T> PartitionGatherer.Part<List<T>> readActive(String store, QueryableStoreType<S> type, PartitionRead<S, T> read) {
        Set<Integer> answered = new TreeSet<>();
        List<T> values = new ArrayList<>();
        runningTasks.runningPartitions(store).forEach((partition, generation) -> {
            try {
                S copy = streams.store(StoreQueryParameters.fromNameAndType(store, type).withPartition(partition));
                List<T> held = read.read(copy, partition);
                if (runningTasks.stillRunning(store, partition, generation)) {
                    values.addAll(held);
                    answered.add(partition);
                }
            } catch (StreamsNotStartedException e) {
                throw new QueryFailure.NotRunning(streams.state());
            } catch (InvalidStateStoreException notActiveHere) {
                // moving or its thread rebalancing: the gatherer asks its owner
            }
        });
        return new PartitionGatherer.Part<>(answered, values);
    }
}
