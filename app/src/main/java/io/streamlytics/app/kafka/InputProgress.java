package io.streamlytics.app.kafka;

import io.streamlytics.topology.time.SourceProgress;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
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
 * whose lag cannot be read counts as not caught up, so it keeps holding windows open.
 */
public final class InputProgress implements SourceProgress, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InputProgress.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final String groupId;
    private final Map<String, Integer> partitions;
    private final Set<TopicPartition> inputPartitions;
    private final ScheduledExecutorService timer;
    private volatile Set<TopicPartition> caughtUp = Set.of();
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
        return caughtUp.contains(new TopicPartition(topic, partition));
    }

    private void refresh() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, Long> ends = offsets(OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(OffsetSpec.earliest());
            Set<TopicPartition> nowCaughtUp = new HashSet<>();
            for (TopicPartition partition : inputPartitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long end = ends.get(partition);
                if (offset == null ? starts.get(partition) >= end : offset.offset() >= end) {
                    nowCaughtUp.add(partition);
                }
            }
            caughtUp = Set.copyOf(nowCaughtUp);
            if (failing) {
                LOG.info("Input lag readable again");
                failing = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            caughtUp = Set.of();
            if (!failing) {
                LOG.warn("Cannot read the input topics' lag ({}): input partitions keep holding windows open until it can be read", e.toString());
                failing = true;
            }
        }
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = inputPartitions.stream().collect(Collectors.toMap(p -> p, p -> spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin
                .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
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
