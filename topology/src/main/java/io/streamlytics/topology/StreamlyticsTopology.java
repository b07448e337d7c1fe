package io.streamlytics.topology;

import io.streamlytics.topology.apirequests.ApiRequestsPipeline;
import io.streamlytics.topology.quality.QualityPipeline;
import io.streamlytics.topology.applogs.AppLogsPipeline;
import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.sparkjobs.SparkJobsPipeline;
import io.streamlytics.topology.watermark.SourceProgress;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.util.Map;
import java.util.Properties;

/** The whole topology, as a pure function of configuration: no I/O, no KafkaStreams. */
public final class StreamlyticsTopology {
    private StreamlyticsTopology() {
    }

    /** The topology as {@code TopologyTestDriver} runs it: one partition per topic. */
    public static Topology build(TopologyConfig config) {
        return build(config, SourceProgress.singlePartitions(), Map.of());
    }

    /**
     * @param sources       the input topics' partition counts and progress, which the low watermarks wait for
     * @param builderConfig more Kafka Streams settings for building it, such as a processor wrapper
     */
    public static Topology build(TopologyConfig config, SourceProgress sources, Map<String, Object> builderConfig) {
        Properties props = new Properties();
        props.putAll(builderConfig);
        // every processor, store and internal topic is named, so a rename that breaks state is a visible change
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        StreamsBuilder builder = new StreamsBuilder(new org.apache.kafka.streams.TopologyConfig(new StreamsConfig(withRequired(props))));
        ApiRequestsPipeline.addTo(builder, config, sources);
        QualityPipeline.addTo(builder, config);
        AppLogsPipeline.addTo(builder, config, sources);
        FlyerPipeline.addTo(builder, config, sources);
        SparkJobsPipeline.addTo(builder, config, sources);
        return builder.build();
    }

    private static Properties withRequired(Properties props) {
        props.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "topology-description");
        props.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        return props;
    }
}
