package io.streamlytics.app.kafka;

import io.streamlytics.topology.watermark.SourceProgress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The input topics' partition counts, read from the cluster's metadata at start-up, and which input
 * partitions the application's consumer group has caught up on: its committed offset has reached the
 * partition's last stable offset (or the partition is empty). Refreshed in the background; a partition
 * whose lag cannot be read counts as not caught up, so it keeps holding windows open. The last minute
 * of readings is kept, with the group's repartition topics too, to prove when an idle input partition
 * may be passed downstream ({@link #idleProvenAt}).
 */
public final class InputProgress implements SourceProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputProgress.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String groupId;
    private final Map<String, Integer> partitions;
    private final Set<TopicPartition> inputPartitions;
    private final ScheduledExecutorService timer;
    /** Readings kept: a downstream task behind by less than this many refresh periods can still prove idleness. */
    private static final int READINGS_KEPT = 60;

    /**
     * One lag reading, read in this order: {@code startedAtMs}; the group's committed offsets; last stable offsets;
     * log end offsets of the repartition topics. Every record appended to a caught-up input partition before
     * {@code startedAtMs} was consumed, and what its task wrote for it lies below the repartition log ends.
     */
    record Reading(long startedAtMs, Set<TopicPartition> caughtUp, Map<TopicPartition, Long> committed,
                   Map<TopicPartition, Long> lastStable, Map<TopicPartition, Long> logEnd) {
    }

    /** Oldest first; empty while the lag cannot be read, so nothing counts as caught up. */
    private volatile List<Reading> readings = List.of();
    private boolean failing;

    private InputProgress(Admin admin, String groupId, Map<String, Integer> partitions) {
        this.admin = admin;
        this.groupId = groupId;
        this.partitions = Map.copyOf(partitions);
        this.inputPartitions = partitions.entrySet().stream()
                .flatMap(topic -> IntStream.range(0, topic.getValue()).mapToObj(p -> new TopicPartition(topic.getKey(), p)))
                .collect(Collectors.toUnmodifiableSet());
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamlytics-input-progress");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @param groupId the Kafka Streams application id, which is its consumer group */
    public static InputProgress start(Admin admin, String groupId, Collection<String> inputTopics, Duration refreshPeriod) {
        Map<String, Integer> counts = new HashMap<>();
        try {
            for (Map.Entry<String, TopicDescription> topic : admin.describeTopics(inputTopics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
                counts.put(topic.getKey(), topic.getValue().partitions().size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the partitions of " + inputTopics, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the partitions of " + inputTopics + ": " + e.getMessage(), e);
        }
        InputProgress progress = new InputProgress(admin, groupId, counts);
        progress.timer.scheduleWithFixedDelay(progress::refresh, 0, refreshPeriod.toMillis(), TimeUnit.MILLISECONDS);
        return progress;
    }

    @Override
    public int partitions(String topic) {
        Integer count = partitions.get(topic);
        if (count == null) {
            throw new IllegalArgumentException("not an input topic: " + topic);
        }
        return count;
    }

    @Override
    public boolean caughtUp(String topic, int partition) {
        List<Reading> kept = readings;
        return !kept.isEmpty() && kept.get(kept.size() - 1).caughtUp().contains(new TopicPartition(topic, partition));
    }

    @Override
    public long idleProvenAt(String topic, Set<Integer> idlePartitions, String downstreamTopic, int downstreamPartition) {
        if (downstreamTopic == null) {
            return Long.MIN_VALUE;
        }
        List<TopicPartition> idle = idlePartitions.stream().map(p -> new TopicPartition(topic, p)).toList();
        return idleProvenAt(readings, idle, new TopicPartition(downstreamTopic, downstreamPartition));
    }

    /** {@link SourceProgress#idleProvenAt} over these readings, oldest first. */
    static long idleProvenAt(List<Reading> readings, List<TopicPartition> idle, TopicPartition downstream) {
        if (readings.size() < 2) {
            return Long.MIN_VALUE;
        }
        Long consumed = readings.get(readings.size() - 1).committed().get(downstream);
        for (int i = readings.size() - 2; i >= 0; i--) {
            Reading reading = readings.get(i);
            // A caught-up partition's offsets are committed in the transaction that wrote its records downstream, so those
            // records were appended before the offsets could be read, hence below the log end read after them. Not
            // necessarily below the last stable offset: the broker writes the group's commit marker and the data
            // partitions' markers separately, and the offsets can be visible while the data's marker is not yet written.
            Long written = reading.logEnd().get(downstream);
            Long stable = reading.lastStable().get(downstream);
            if (!reading.caughtUp().containsAll(idle) || written == null || consumed == null) {
                continue;
            }
            // with nothing open (the last stable offset, read first, reached the log end), the last record is a transaction
            // marker, which a group that has read everything before it may not have stepped over yet
            boolean endsWithMarker = written.equals(stable);
            if (consumed >= written || (endsWithMarker && consumed >= written - 1)) {
                return reading.startedAtMs();
            }
        }
        return Long.MIN_VALUE;
    }

    private void refresh() {
        try {
            long startedAtMs = System.currentTimeMillis();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Set<TopicPartition> measured = new HashSet<>(inputPartitions);
            committed.keySet().stream().filter(p -> p.topic().startsWith(groupId + "-") && p.topic().endsWith("-repartition"))
                    .forEach(measured::add);
            Map<TopicPartition, Long> ends = offsets(measured, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
            Set<TopicPartition> repartitions = new HashSet<>(measured);
            repartitions.removeAll(inputPartitions);
            Map<TopicPartition, Long> logEnds = offsets(repartitions, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
            Map<TopicPartition, Long> starts = offsets(inputPartitions, OffsetSpec.earliest(), IsolationLevel.READ_COMMITTED);
            Set<TopicPartition> nowCaughtUp = new HashSet<>();
            for (TopicPartition partition : inputPartitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long end = ends.get(partition);
                if (offset == null ? starts.get(partition) >= end : offset.offset() >= end) {
                    nowCaughtUp.add(partition);
                }
            }
            Map<TopicPartition, Long> committedOffsets = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    committedOffsets.put(partition, offset.offset());
                }
            });
            List<Reading> next = new ArrayList<>(readings);
            next.add(new Reading(startedAtMs, Set.copyOf(nowCaughtUp), Map.copyOf(committedOffsets), Map.copyOf(ends), Map.copyOf(logEnds)));
            if (next.size() > READINGS_KEPT) {
                next.remove(0);
            }
            readings = List.copyOf(next);
            if (failing) {
                LOG.info("Input lag readable again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            readings = List.of();
            if (!failing) {
                LOG.warn("Cannot read the input topics' lag ({}): input partitions keep holding windows open until it can be read", e.toString());
                failing = true;
            }
        }
    }

    private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec, IsolationLevel isolation)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
                .listOffsets(request, new ListOffsetsOptions(isolation)).all()
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
