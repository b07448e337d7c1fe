package io.streamlytics.app.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/** Runs interactive queries (v2) on this instance's copies of partitions: any query, with one key's windows as a shorthand. */
public final class LocalQueries {
    private final KafkaStreams streams;
    private final RunningTasks runningTasks;

    public LocalQueries(KafkaStreams streams, RunningTasks runningTasks) {
        this.streams = streams;
        this.runningTasks = runningTasks;
    }

    /** Window rows of {@code key} whose start lies in [from, to], oldest first. */
    public <V, R> List<R> read(String store, int partition, String key, Instant from, Instant to, boolean requireActive,
                               BiFunction<Long, V, R> toRow) {
        WindowKeyQuery<String, V> query = WindowKeyQuery.withKeyAndWindowStartRange(key, from, to);
        List<R> rows = new ArrayList<>();
        try (WindowStoreIterator<V> windows = readPartition(StateQueryRequest.inStore(store).withQuery(query), partition, requireActive)) {
            while (windows.hasNext()) {
                KeyValue<Long, V> window = windows.next();
                rows.add(toRow.apply(window.key, window.value));
            }
        }
        return rows;
    }

    /**
     * Runs {@code request} on this instance's copy of one partition, the active one only if {@code requireActive};
     * fails as unavailable when this instance cannot answer for it now (not hosted here, moving or restoring).
     */
    public <R> R readPartition(StateQueryRequest<R> request, int partition, boolean requireActive) {
        StateQueryRequest<R> onePartition = request.withPartitions(Set.of(partition));
        QueryResult<R> result = query(requireActive ? onePartition.requireActive() : onePartition).get(partition);
        if (result == null) {
            throw new QueryFailure.PartitionUnavailable("partition " + partition + " is not hosted here");
        }
        if (result.isFailure()) {
            throw new QueryFailure.PartitionUnavailable("partition " + partition + " here: " + result.getFailureReason()
                    + ": " + result.getFailureMessage());
        }
        return result.getResult();
    }

    /**
     * Runs {@code request} on this instance's running active partitions and reads every answer into {@code into}:
     * this instance's part of a query over all keys, with the partitions it covers. A partition restoring here
     * is left out, for its owner to be asked; one wiped while read fails the whole part as restoring.
     */
    public <I extends Closeable, T> PartitionGatherer.Part<T> readActive(StateQueryRequest<I> request, T into, BiConsumer<I, T> read) {
        String store = request.getStoreName();
        Map<Integer, Long> running = runningTasks.runningPartitions(store);
        Set<Integer> answered = new TreeSet<>();
        query(request.withPartitions(running.keySet()).requireActive()).forEach((partition, result) -> {
            if (result.isSuccess()) {
                answered.add(partition);
                try (I answer = result.getResult()) {
                    read.accept(answer, into);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        for (int partition : answered) {
            if (!runningTasks.stillRunning(store, partition, running.get(partition))) {
                throw new QueryFailure.Restoring(partition);
            }
        }
        return new PartitionGatherer.Part<>(answered, into);
    }

    /** Runs an interactive query on this instance's partitions; fails as not running while its streams cannot answer at all. */
    private <R> Map<Integer, QueryResult<R>> query(StateQueryRequest<R> request) {
        try {
            return streams.query(request).getPartitionResults();
        } catch (StreamsNotStartedException | IllegalStateException e) {
            throw new QueryFailure.NotRunning(streams.state());
        }
    }
}
