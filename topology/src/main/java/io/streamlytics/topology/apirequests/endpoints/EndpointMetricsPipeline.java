package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.events.ApiRequest;
import io.streamlytics.topology.time.StreamMessage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;

/** Endpoint metrics in 1-minute and 1-hour windows, partial per customer partition (see {@link EndpointMetricsProcessor}). */
public final class EndpointMetricsPipeline {
    /** 1-minute windows are many: they are kept at most this long, whatever the general retention. */
    public static final Duration MAX_MINUTE_RETENTION = Duration.ofDays(2);

    private EndpointMetricsPipeline() {
    }

    public static void addTo(StreamsBuilder builder, KStream<String, StreamMessage<ApiRequest>> deduplicated, TopologyConfig config) {
        for (EndpointWindow window : EndpointWindow.values()) {
            Duration retention = window == EndpointWindow.ONE_MINUTE && config.retention().compareTo(MAX_MINUTE_RETENTION) > 0
                    ? MAX_MINUTE_RETENTION : config.retention();
            builder.addStateStore(Stores.windowStoreBuilder(
                    Stores.persistentWindowStore(window.store(), retention, window.size(), false),
                    Serdes.String(), new EndpointWindowAggregateSerde()));
        }
        deduplicated
                .process(() -> new EndpointMetricsProcessor(config.windowGrace().toMillis(), config.topics().apiRequests()),
                        Named.as("endpoint-metrics"), EndpointWindow.ONE_MINUTE.store(), EndpointWindow.ONE_HOUR.store())
                .to(config.topics().lateEvents(), Produced.with(Serdes.String(), Serdes.String()).withName("endpoint-metrics-late-events-sink"));
    }
}
