package io.streamlytics.app.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Answers a query over all keys: asks every instance of the group for what its active partitions
 * hold, and hands back the parts only if together they cover every partition. A part missing
 * (an instance down, a partition moving) fails the query, to be retried; never a partial answer.
 */
public final class PartitionGatherer {

    /** What one instance answered: the partitions it read, and what they hold. */
    public record Part<T>(Set<Integer> partitions, T value) {
    }

    private final Supplier<Collection<HostInfo>> group;
    private final HostInfo self;
    private final Forwarder forwarder;
    private final IntSupplier partitionCount;

    public PartitionGatherer(KafkaStreams streams, HostInfo self, Forwarder forwarder, IntSupplier partitionCount) {
        this(() -> instances(streams), self, forwarder, partitionCount);
    }

    /** @param group the HTTP addresses of the group's instances, as advertised */
    PartitionGatherer(Supplier<Collection<HostInfo>> group, HostInfo self, Forwarder forwarder, IntSupplier partitionCount) {
        this.group = group;
        this.self = self;
        this.forwarder = forwarder;
        this.partitionCount = partitionCount;
    }

    /**
     * @param local      this instance's part
     * @param remotePath the internal route that answers another instance's part
     * @param decode     reads another instance's reply
     */
    public <T> List<T> gather(Supplier<Part<T>> local, String remotePath, Function<byte[], Part<T>> decode) {
        long deadline = System.nanoTime() + forwarder.timeout().toNanos();
        Map<HostInfo, Forwarder.Pending> asked = new LinkedHashMap<>();
        boolean here = false;
        Set<HostInfo> hosts = new HashSet<>(group.get());
        hosts.add(self);
        for (HostInfo host : hosts) {
            if (host.equals(self)) {
                here = true;
            } else {
                asked.put(host, forwarder.send(host, remotePath));
            }
        }
        List<Part<T>> parts = new ArrayList<>();
        try {
            if (here) {
                parts.add(local.get());
            }
            // every instance was asked at once: the gather waits as long as the slowest, within one deadline
            for (Map.Entry<HostInfo, Forwarder.Pending> question : asked.entrySet()) {
                Forwarder.Reply reply = forwarder.await(question.getValue(), deadline);
                if (reply.status() != 200) {
                    HostInfo host = question.getKey();
                    throw new QueryFailure.PartitionUnavailable("instance " + host.host() + ":" + host.port()
                            + " could not answer for its partitions (HTTP " + reply.status() + ")");
                }
                parts.add(decode.apply(reply.body()));
            }
        } finally {
            asked.values().forEach(pending -> pending.response().cancel(true));
        }
        requireAllPartitions(parts);
        return parts.stream().map(Part::value).toList();
    }

    private static Collection<HostInfo> instances(KafkaStreams streams) {
        try {
            return streams.metadataForAllStreamsClients().stream()
                    .map(StreamsMetadata::hostInfo)
                    .filter(host -> host.port() >= 0)
                    .toList();
        } catch (StreamsNotStartedException e) {
            throw new QueryFailure.NotRunning(streams.state());
        }
    }

    private void requireAllPartitions(List<? extends Part<?>> parts) {
        Set<Integer> missing = IntStream.range(0, partitionCount.getAsInt()).boxed().collect(Collectors.toCollection(TreeSet::new));
        parts.forEach(part -> missing.removeAll(part.partitions()));
        if (!missing.isEmpty()) {
            throw new QueryFailure.PartitionUnavailable("partitions " + missing + " have no active instance that answered");
        }
    }
}
