package io.streamlytics.topology.admission;

import io.streamlytics.topology.Topics;
import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import java.util.Map;

/** Sends rejected records to dead-letters and late ones to late-events; returns the admitted stream. */
public final class AdmissionRoutes {
    private AdmissionRoutes() {
    }

    public static <E> KStream<String, StreamMessage<E>> route(KStream<String, Admitted<E>> admitted, String name, Topics topics) {
        Map<String, KStream<String, Admitted<E>>> routes = admitted.split(Named.as(name + "-"))
                .branch((key, value) -> value instanceof Admitted.Rejected, Branched.as("rejected"))
                .branch((key, value) -> value instanceof Admitted.Late, Branched.as("late"))
                .defaultBranch(Branched.as("admitted"));
        routes.get(name + "-rejected")
                .map((key, value) -> {
                    var rejected = (Admitted.Rejected<E>) value;
                    return KeyValue.pair(rejected.key(), rejected.value());
                }, Named.as(name + "-rejected-raw"))
                .to(topics.deadLetters(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-dead-letters-sink"));
        routes.get(name + "-late")
                .map((key, value) -> {
                    var late = (Admitted.Late<E>) value;
                    return KeyValue.pair(late.key(), late.value());
                }, Named.as(name + "-late-raw"))
                .to(topics.lateEvents(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-late-events-sink"));
        return routes.get(name + "-admitted")
                .mapValues(value -> (StreamMessage<E>) value, Named.as(name + "-admitted-messages"));
    }
}
