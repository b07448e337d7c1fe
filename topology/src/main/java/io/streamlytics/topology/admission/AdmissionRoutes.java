package io.streamlytics.topology.admission;

import io.streamlytics.topology.Topics;
import io.streamlytics.topology.watermark.StreamMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Map;

/**
 * Sends rejected records to dead-letters and late ones to late-events; returns the admitted stream.
 *
 * <p>A split's branches keep the stream's value type, so the step after each branch matches the variant it was
 * split on against the sealed {@link Admitted}, instead of casting to it. Any other variant there is a bug in the
 * split: it fails the task, which is retried from its last commit, rather than losing the record.
 */
public final class AdmissionRoutes {
    private AdmissionRoutes() {
    }

    public static <E> KStream<String, StreamMessage<E>> route(KStream<String, Admitted<E>> admitted, String name, Topics topics) {
        Map<String, KStream<String, Admitted<E>>> routes = admitted.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Admitted.Rejected, Branched.as("rejected"))
                .branch((key, value) -> value instanceof Admitted.Late, Branched.as("late"))
                .defaultBranch(Branched.as("admitted"));
        toRawTopic(routes.get(name + "-rejected"), name + "-rejected-raw", topics.deadLetters(), name + "-dead-letters-sink");
        toRawTopic(routes.get(name + "-late"), name + "-late-raw", topics.lateEvents(), name + "-late-events-sink");
        return routes.get(name + "-admitted").mapValues(AdmissionRoutes::passedMessage, Named.as(name + "-admitted-messages"));
    }

    /** Sends duplicates to duplicate-events; returns the events and watermarks that pass. */
    public static <E> KStream<String, StreamMessage<E>> routeDuplicates(KStream<String, Admitted<E>> deduplicated, String name,
                                                                        Topics topics) {
        Map<String, KStream<String, Admitted<E>>> routes = deduplicated.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Admitted.Duplicate, Branched.as("duplicate"))
                .defaultBranch(Branched.as("unique"));
        toRawTopic(routes.get(name + "-duplicate"), name + "-duplicate-raw", topics.duplicateEvents(), name + "-duplicate-events-sink");
        return routes.get(name + "-unique").mapValues(AdmissionRoutes::passedMessage, Named.as(name + "-unique-messages"));
    }

    /** Writes the original key and value; the headers added at admission say why. */
    private static <E> void toRawTopic(KStream<String, Admitted<E>> stream, String mapName, String topic, String sinkName) {
        stream.map(AdmissionRoutes::<E>originalRecord, Named.as(mapName))
                .to(topic, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(sinkName));
    }

    private static <E> StreamMessage<E> passedMessage(Admitted<E> value) {
        if (value instanceof Admitted.Passed<E> passed) {
            return passed.message();
        }
        throw misrouted("passed", value);
    }

    private static <E> KeyValue<byte[], byte[]> originalRecord(String key, Admitted<E> value) {
        if (value instanceof Admitted.Raw<E> raw) {
            return KeyValue.pair(raw.key(), raw.value());
        }
        throw misrouted("raw", value);
    }

    private static IllegalStateException misrouted(String expected, Admitted<?> value) {
        return new IllegalStateException("the split sends only " + expected + " records down this branch, got "
                + value.getClass().getSimpleName());
    }
}
