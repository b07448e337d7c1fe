package io.streamlytics.topology.watermark;

import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Events go where the default partitioner puts their key (so IQ finds them); watermarks go to every partition. */
public final class WatermarkPartitioner<E> implements StreamPartitioner<String, StreamMessage<E>> {

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, StreamMessage<E> message, int numPartitions) {
        if (message instanceof StreamMessage.Watermark) {
            return Optional.of(IntStream.range(0, numPartitions).boxed().collect(Collectors.toSet()));
        }
        return Optional.of(Set.of(partitionOf(key, numPartitions)));
    }

    /** Same as Kafka's default partitioner for a String key. */
    public static int partitionOf(String key, int numPartitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    }
}
