package io.streamlytics.app;

import io.javalin.Javalin;
import io.streamlytics.app.broker.BrokerProcess;
import io.streamlytics.app.http.HttpApi;
import io.streamlytics.app.http.QueryApi;
import io.streamlytics.app.http.Routes;
import io.streamlytics.app.http.TopicRoutes;
import io.streamlytics.app.ingest.IngestService;
import io.streamlytics.app.kafka.InputProgress;
import io.streamlytics.app.kafka.KafkaClients;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.kafka.KafkaReachability;
import io.streamlytics.app.kafka.KafkaWatch;
import io.streamlytics.app.metrics.AppMetrics;
import io.streamlytics.app.ops.DeadLetterRateLog;
import io.streamlytics.app.ops.ReplaceDeadStreamThreads;
import io.streamlytics.app.ops.RestoreProgressLog;
import io.streamlytics.app.kafka.StreamsClientSupplier;
import io.streamlytics.app.kafka.RepartitionTopics;
import io.streamlytics.app.kafka.TopicSetup;
import io.streamlytics.app.kafka.UncleanStopMarker;
import io.streamlytics.app.query.QualityQuery;
import io.streamlytics.app.query.RunningTasks;
import io.streamlytics.app.query.TopicOffsets;
import io.streamlytics.app.security.AccessControl;
import io.streamlytics.app.security.InternalRequestSigner;
import io.streamlytics.app.query.Forwarder;
import io.streamlytics.topology.StreamlyticsTopology;
import io.streamlytics.topology.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One running Streamlytics instance: the embedded broker when no cluster is given, the topics, the
 * Kafka Streams topology and the HTTP server. Closing it stops them in reverse order.
 */
public final class StreamlyticsInstance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamlyticsInstance.class);
    /** How soon ingest notices that no broker is reachable (and answers 503 at once). */
    private static final Duration KAFKA_PROBE_PERIOD = Duration.ofMillis(250);
    /** How often the input partitions' lag is read, by which a silent partition may declare itself idle. */
    private static final Duration INPUT_PROGRESS_PERIOD = Duration.ofSeconds(1);
    /** Stream threads that die are replaced, up to this many within the window; then the client shuts down. */
    private static final int THREAD_REPLACEMENTS = 5;
    private static final Duration THREAD_REPLACEMENT_WINDOW = Duration.ofMinutes(10);

    private final BrokerProcess broker;
    private final KafkaConnection kafka;
    private final KafkaStreams streams;
    private final KafkaProducer<String, byte[]> producer;
    private final Javalin http;
    private final AppMetrics metrics;
    private final TopicOffsets topicOffsets;
    private final KafkaWatch kafkaWatch;
    private final ScheduledExecutorService logTimer;
    private final InputProgress inputProgress;
    private final HostInfo address;
    private final UncleanStopMarker stopMarker;

    private StreamlyticsInstance(BrokerProcess broker, KafkaConnection kafka, KafkaStreams streams, UncleanStopMarker stopMarker,
                                 KafkaProducer<String, byte[]> producer, Javalin http, AppMetrics metrics,
                                 TopicOffsets topicOffsets, KafkaWatch kafkaWatch, ScheduledExecutorService logTimer,
                                 InputProgress inputProgress, HostInfo address) {
        this.broker = broker;
        this.kafka = kafka;
        this.streams = streams;
        this.stopMarker = stopMarker;
        this.producer = producer;
        this.http = http;
        this.metrics = metrics;
        this.topicOffsets = topicOffsets;
        this.kafkaWatch = kafkaWatch;
        this.logTimer = logTimer;
        this.inputProgress = inputProgress;
        this.address = address;
    }

    public static StreamlyticsInstance start(AppConfig config) {
        BrokerProcess broker = null;
        // what a failed start (a port taken, Kafka gone) has opened so far, closed newest first
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        if (config.embeddedBroker()) {
            broker = BrokerProcess.start(config.embeddedKafkaDir(), config.embeddedKafkaPort());
            opened.push(broker::close);
            LOG.info("Embedded Kafka broker: bootstrap servers {} (other instances join with --bootstrap-servers {}; its log: {})",
                    broker.bootstrapServers(), broker.bootstrapServers(), broker.log());
        }
        KafkaConnection kafka = new KafkaConnection(broker != null ? broker.bootstrapServers() : config.bootstrapServers(),
                config.kafkaProperties());
        try {
            if (broker == null) {
                KafkaReachability.require(kafka, Duration.ofSeconds(15));
            }
            Topics topics = config.topology().topics();
            List<String> names = new ArrayList<>(topics.inputs());
            names.addAll(topics.outputs());
            int fewestReplicas = TopicSetup.ensure(kafka, names, config.partitions(), config.replicationFactor(),
                    config.topology().retention());
            if (broker == null && fewestReplicas < 2) {
                LOG.warn("Some of {} have one replica: an acknowledged event lives on one broker only, and is lost with its disk"
                        + " (--replication-factor 3 gives three, at least two of them in sync)", names);
            }
            // low watermarks wait for every partition the input topics have, whoever created them
            InputProgress inputProgress = InputProgress.start(TopicSetup.admin(kafka), config.applicationId(), topics.inputs(),
                    INPUT_PROGRESS_PERIOD);
            opened.push(inputProgress);

            // the advertised port must be known before Kafka Streams starts, so a free one is chosen up front
            int port = config.httpPort() == 0 ? FreePort.onLoopback() : config.httpPort();
            HostInfo address = config.advertisedAddress(port);
            RunningTasks runningTasks = new RunningTasks();
            Topology topology = runningTasks.build(builderConfig -> StreamlyticsTopology.build(config.topology(), inputProgress, builderConfig));
            RepartitionTopics.create(kafka, topology.describe(), config.applicationId(), config.replicationFactor());
            KafkaStreams streams = new KafkaStreams(topology, KafkaClients.streams(config, kafka, address), new StreamsClientSupplier());
            UncleanStopMarker stopMarker = UncleanStopMarker.of(config.stateDir(), config.applicationId());
            opened.push(() -> closeAndLeave(streams, stopMarker));
            KafkaProducer<String, byte[]> producer = KafkaClients.ingestProducer(kafka, config.ingestTimeout());
            opened.push(() -> producer.close(Duration.ofSeconds(5)));
            InternalRequestSigner signer = config.access().internalKey() == null ? null
                    : new InternalRequestSigner(config.access().internalKey(), System::currentTimeMillis);
            Forwarder forwarder = new Forwarder(Duration.ofSeconds(10), signer);
            KafkaWatch kafkaWatch = KafkaWatch.start(kafka.bootstrapServers(), KAFKA_PROBE_PERIOD);
            opened.push(kafkaWatch);
            IngestService ingest = new IngestService(producer, topics, config.ingestTimeout(), Clock.systemUTC(), kafkaWatch::reachable);
            QueryApi queryApi = new QueryApi(streams, runningTasks, address, forwarder, new QueryApi.Partitions(
                    () -> partitionsOf(producer, topics.apiRequests()),
                    () -> partitionsOf(producer, topics.appLogs()),
                    () -> partitionsOf(producer, topics.userEvents()),
                    // the quality counters have a task per partition of the widest of the topics they count
                    () -> Stream.of(topics.deadLetters(), topics.lateEvents(), topics.duplicateEvents())
                            .mapToInt(topic -> partitionsOf(producer, topic)).max().orElseThrow()),
                    topics, ingest, Clock.systemUTC());
            QualityQuery quality = queryApi.quality();
            AppMetrics metrics = new AppMetrics(streams, () -> quality.readLocal().value());
            opened.push(metrics::close);
            TopicOffsets topicOffsets = new TopicOffsets(kafka);
            opened.push(topicOffsets);
            List<Routes> queryRoutes = new ArrayList<>();
            queryRoutes.add(new TopicRoutes(topicOffsets, topics, Clock.systemUTC()));
            queryRoutes.addAll(queryApi.routes());
            Javalin http = HttpApi.create(ingest, streams::state, config.maxRequestBytes(),
                    new AccessControl(config.access(), signer, address, System::nanoTime), metrics, queryRoutes);
            String url = "http://" + address.host() + ":" + port;
            streams.setStateListener((newState, oldState) -> {
                queryApi.streamsStateChanged();
                if (newState == KafkaStreams.State.RUNNING) {
                    LOG.info("Streamlytics ready at {} (application {}, Kafka {})", url, config.applicationId(), kafka.bootstrapServers());
                } else if (newState == KafkaStreams.State.REBALANCING) {
                    LOG.info("Rebalancing: partitions are being reassigned; queries for keys that move answer 503 until it is done");
                } else {
                    LOG.info("Streams state {} -> {}", oldState, newState);
                }
            });
            streams.setGlobalStateRestoreListener(new RestoreProgressLog());
            streams.setUncaughtExceptionHandler(new ReplaceDeadStreamThreads(THREAD_REPLACEMENTS, THREAD_REPLACEMENT_WINDOW, System::nanoTime));
            ScheduledExecutorService logTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "streamlytics-dead-letter-log");
                thread.setDaemon(true);
                return thread;
            });
            opened.push(logTimer::shutdownNow);
            logTimer.scheduleAtFixedRate(new DeadLetterRateLog(() -> quality.readLocal().value()), 1, 1, TimeUnit.MINUTES);
            opened.push(http::stop);
            http.start(config.httpHost(), port);
            if (stopMarker.previousRunStoppedUncleanly()) {
                LOG.info("The last run on this state did not close cleanly ({} is left): its stores may hold writes of aborted"
                        + " transactions, so the local state is wiped now and restored from the changelogs", stopMarker.file());
                streams.cleanUp();
            }
            stopMarker.running();
            streams.start();
            return new StreamlyticsInstance(broker, kafka, streams, stopMarker, producer, http, metrics, topicOffsets, kafkaWatch, logTimer,
                    inputProgress, address);
        } catch (RuntimeException e) {
            while (!opened.isEmpty()) {
                try {
                    opened.pop().close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static int partitionsOf(KafkaProducer<String, byte[]> producer, String topic) {
        return producer.partitionsFor(topic).size();
    }

    public HostInfo address() {
        return address;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** How this instance's clients reach Kafka, for other clients of the same command. */
    public KafkaConnection kafka() {
        return kafka;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Every HTTP route the server answers, as "METHOD /path/{param}" (Javalin's own list, so nothing is left out). */
    public List<String> httpRoutes() {
        return http.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(handler -> handler.endpoint.method.isHttpMethod())
                .map(handler -> handler.endpoint.method.name() + " " + handler.endpoint.path)
                .toList();
    }

    /**
     * A stopped instance leaves its group, so that its tasks move to the others at once; Kafka Streams would otherwise
     * stay a member (static or not) until the session times out, and its partitions would answer nowhere meanwhile.
     * Only a close that finished in time leaves the state for the next start to use as it is.
     */
    private static void closeAndLeave(KafkaStreams streams, UncleanStopMarker stopMarker) {
        if (streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP))) {
            stopMarker.closedCleanly();
        }
    }

    /** Stops the HTTP server, then the streams (committing their work), the producer, and the embedded broker. */
    @Override
    public void close() {
        http.stop();
        logTimer.shutdownNow();
        metrics.close();
        topicOffsets.close();
        kafkaWatch.close();
        closeAndLeave(streams, stopMarker);
        inputProgress.close();
        producer.close(Duration.ofSeconds(5));
        if (broker != null) {
            broker.close();
        }
    }
}
