package io.streamlytics.app.query;

import io.streamlytics.app.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How many records each topic has received: the sum of its partitions' end offsets, asked of the
 * cluster, so every instance gives the same answer and producers that bypass HTTP ingest count
 * too. Two readings some seconds apart give the ingest rate.
 */
public final class TopicOffsets implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;

    public TopicOffsets(KafkaConnection kafka) {
        Properties props = kafka.clientProperties();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamlytics-topic-offsets");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        this.admin = Admin.create(props);
    }

    /** Topic → sum of end offsets, in the order given; throws {@link IllegalStateException} when Kafka does not answer in time. */
    public Map<String, Long> endOffsets(List<String> topics) {
        try {
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            descriptions.values().forEach(description -> description.partitions().forEach(partition ->
                    latest.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(latest).all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<String, Long> sums = new LinkedHashMap<>();
            topics.forEach(topic -> sums.put(topic, 0L));
            offsets.forEach((partition, info) -> sums.merge(partition.topic(), info.offset(), Long::sum));
            return sums;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not report topic offsets within " + TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading topic offsets", e);
        }
    }

    @Override
    public void close() {
        admin.close(TIMEOUT);
    }
}
