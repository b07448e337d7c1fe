package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.store.WindowChangelogs;
import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.serde.JsonSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/** Final endpoint minutes → anomaly detection against a per-endpoint baseline → the anomalies topic and store. */
public final class AnomalyPipeline {
    public static final String BASELINE_STORE = "endpoint-anomaly-baselines";
    public static final String ANOMALY_STORE = "endpoint-anomalies-store";
    public static final JsonSerde<Anomaly> ANOMALY_SERDE = new JsonSerde<>(Anomaly.class);

    private AnomalyPipeline() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, EndpointMetrics> finalMinutes, TopologyConfig config) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(BASELINE_STORE), Serdes.String(), new BaselineSerde()));
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ANOMALY_STORE, config.retention(), TimeWindow.ONE_MINUTE.size(), false),
                Serdes.String(), ANOMALY_SERDE).withLoggingEnabled(WindowChangelogs.TOPIC_CONFIG));
        finalMinutes
                .process(() -> new AnomalyDetector(config.anomalies(), config.retention()), Named.as("endpoint-anomaly-detector"), BASELINE_STORE, ANOMALY_STORE)
                .to(config.topics().anomalies(), Produced.with(Serdes.String(), ANOMALY_SERDE).withName("anomalies-sink"));
    }
}
