package io.streamlytics.topology.quality;

import io.streamlytics.topology.TopologyConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/** dead-letters, late-events, duplicate-events → counts by kind, source topic and reason, for /quality. */
public final class QualityPipeline {
    public static final String COUNTS_STORE = "quality-counts";

    private QualityPipeline() {
    }

    public static void addTo(StreamsBuilder builder, TopologyConfig config) {
        var topics = config.topics();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COUNTS_STORE), Serdes.String(), Serdes.Long()));
        builder.stream(List.of(topics.deadLetters(), topics.lateEvents(), topics.duplicateEvents()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("quality-source"))
                .process(() -> new QualityCounter(topics), Named.as("quality-counter"), COUNTS_STORE);
    }
}
