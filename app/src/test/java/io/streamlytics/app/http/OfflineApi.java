package io.streamlytics.app.http;

import io.javalin.Javalin;
import io.streamlytics.app.AppConfig;
import io.streamlytics.app.FreePort;
import io.streamlytics.app.ingest.IngestService;
import io.streamlytics.app.kafka.KafkaClients;
import io.streamlytics.app.metrics.AppMetrics;
import io.streamlytics.app.query.Forwarder;
import io.streamlytics.app.query.RunningTasks;
import io.streamlytics.app.security.AccessControl;
import io.streamlytics.app.security.AccessSettings;
import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.watermark.SourceProgress;
import io.streamlytics.topology.Topics;
import io.streamlytics.app.kafka.KafkaConnection;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The real HTTP API, wired by the same {@link QueryApi} as {@code StreamlyticsInstance}, over a streams instance that is
 * never started and a producer that acknowledges at once: every route parses its input for real, and
 * a query that gets past parsing answers 503 (not running). For tests of bad input, without a broker.
 */
final class OfflineApi implements AutoCloseable {
    /** Room for a million short NDJSON lines. */
    static final long MAX_REQUEST_BYTES = 4L << 20;

    private final KafkaStreams streams;
    private final Javalin http;
    private final AppMetrics metrics;
    final MockProducer<String, byte[]> producer;
    final int port;

    OfflineApi(Path stateDir) {
        this(stateDir, AccessSettings.OPEN);
    }

    OfflineApi(Path stateDir, AccessSettings access) {
        AppConfig config = AppConfig.builder().bootstrapServers("127.0.0.1:1").httpPort(0).stateDir(stateDir)
                .applicationId("offline-api").partitions(3).embeddedKafkaDir(stateDir).embeddedKafkaPort(0).streamThreads(1)
                .maxRequestBytes(MAX_REQUEST_BYTES).ingestTimeout(Duration.ofSeconds(2)).build();
        Topics topics = config.topology().topics();
        port = FreePort.onLoopback();
        HostInfo address = config.advertisedAddress(port);
        RunningTasks runningTasks = new RunningTasks();
        streams = new KafkaStreams(runningTasks.build(builderConfig -> StreamlyticsTopology.build(config.topology(), SourceProgress.singlePartitions(), builderConfig)),
                KafkaClients.streams(config, KafkaConnection.of("127.0.0.1:1"), address));
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        Forwarder forwarder = new Forwarder(Duration.ofSeconds(2), null);
        metrics = new AppMetrics(streams, Map::of);
        IngestService ingest = new IngestService(producer, topics, config.ingestTimeout(), Clock.systemUTC(), () -> true);
        QueryApi queryApi = new QueryApi(streams, runningTasks, address, forwarder, new QueryApi.Partitions(() -> 3, () -> 3, () -> 3, () -> 3),
                topics, ingest, Clock.systemUTC());
        http = HttpApi.create(ingest, streams::state, MAX_REQUEST_BYTES, new AccessControl(access, null, address, System::nanoTime),
                metrics, queryApi.routes()).start("127.0.0.1", port);
    }

    @Override
    public void close() {
        http.stop();
        metrics.close();
        streams.close(Duration.ofSeconds(5));
    }
}
