package io.streamlytics.app.broker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.streamlytics.app.FreePort;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker+controller, node id 1) running inside
 * this JVM, for running Streamlytics without an external cluster. The Kafka internals it takes are all in
 * {@link KafkaRaftInternals}. Data lives under {@code dataDir} and survives restarts; the client listener binds to
 * 127.0.0.1 only. For tests of secured clients it can also
 * take SASL_PLAINTEXT clients with one PLAIN user ({@link #startWithSaslPlain}). The same node can also be one
 * member of a cluster of such nodes on this machine ({@link #startClusterMember}), each in its own JVM.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private static final String HOST = "127.0.0.1";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String SASL_LISTENER = "SASL";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftInternals.Node node;
    private final Path dataDir;
    private final int port;
    /** 0 without a SASL listener. */
    private final int saslPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftInternals.Node node, Path dataDir, int port, int saslPort) {
        this.node = node;
        this.dataDir = dataDir;
        this.port = port;
        this.saslPort = saslPort;
    }

    /**
     * Node {@code nodeId} of a KRaft cluster whose nodes are 1..n, each combined broker+controller on loopback: node i's
     * controller listens on the i-th of {@code controllerPorts}. The voter set is static (controller.quorum.voters), so
     * every node needs the same ports on every start, and all are formatted with the same {@code clusterId}.
     */
    public record ClusterMember(int nodeId, List<Integer> controllerPorts, String clusterId) {
        public ClusterMember {
            controllerPorts = List.copyOf(controllerPorts);
            if (nodeId < 1 || nodeId > controllerPorts.size()) {
                throw new IllegalArgumentException("node id " + nodeId + " is not one of 1.." + controllerPorts.size());
            }
        }

        /** The only node of a cluster of one, which no other node needs to find again: its controller port may change. */
        static ClusterMember alone() {
            return new ClusterMember(1, List.of(FreePort.onLoopback()), Uuid.randomUuid().toString());
        }

        int controllerPort() {
            return controllerPorts.get(nodeId - 1);
        }

        String quorumVoters() {
            StringJoiner voters = new StringJoiner(",");
            for (int i = 0; i < controllerPorts.size(); i++) {
                voters.add((i + 1) + "@" + HOST + ":" + controllerPorts.get(i));
            }
            return voters.toString();
        }

        /** As many replicas as nodes, up to 3. */
        int replicationFactor() {
            return Math.min(3, controllerPorts.size());
        }

        /** One fewer than the replicas (at least one): acks=all still succeeds with one replica's node down. */
        int minInSyncReplicas() {
            return Math.max(1, replicationFactor() - 1);
        }
    }

    /** A user and password the SASL listener accepts with the PLAIN mechanism. */
    public record PlainUser(String name, String password) {
    }

    /** Starts a broker on a free port; see {@link #start(Path, int)}. */
    public static EmbeddedKafkaBroker start(Path dataDir) {
        return start(dataDir, 0);
    }

    /**
     * Starts a broker whose client listener is {@code 127.0.0.1:port} (0 picks a free port),
     * formatting {@code dataDir} first unless it already holds a broker's data, and returns once
     * the broker serves requests.
     *
     * @throws IllegalStateException if the broker fails to start or is not ready within 60 s
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port) {
        return start(dataDir, port, ClusterMember.alone(), null);
    }

    /**
     * Starts one node of a cluster with its client listener on {@code 127.0.0.1:port}, formatting {@code dataDir} with
     * the member's cluster id unless it already holds this node's data. Returns once this node serves requests, which
     * needs a majority of the voters up: start the members of a new cluster at the same time. Topics get as many replicas
     * as there are nodes (up to 3), internal ones included, and acks=all needs all of them but one.
     *
     * @throws IllegalStateException if the node fails to start or is not ready within 60 s
     */
    public static EmbeddedKafkaBroker startClusterMember(Path dataDir, int port, ClusterMember member) {
        return start(dataDir, port, member, null);
    }

    /**
     * Starts a broker on free ports as {@link #start(Path)} does, with a second client listener,
     * {@link #saslBootstrapServers()}, that takes SASL_PLAINTEXT clients authenticating as {@code user} (PLAIN).
     * The plaintext listener stays, and the controller and the broker itself keep using plaintext.
     */
    public static EmbeddedKafkaBroker startWithSaslPlain(Path dataDir, PlainUser user) {
        return start(dataDir, 0, ClusterMember.alone(), user);
    }

    private static EmbeddedKafkaBroker start(Path dataDir, int port, ClusterMember member, PlainUser saslUser) {
        Path absDataDir = dataDir.toAbsolutePath();
        Path logDir = absDataDir.resolve("kafka-logs");
        int clientPort = port == 0 ? FreePort.onLoopback() : port;
        Map<String, Object> props = brokerProps(logDir, clientPort, member);
        int saslPort = 0;
        if (saslUser != null) {
            saslPort = FreePort.onLoopback();
            addSaslListener(props, saslPort, saslUser);
        }
        formatIfNeeded(logDir, props, member.clusterId());

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(new KafkaRaftInternals.Node(props), absDataDir, clientPort, saslPort);
        long startNanos = System.nanoTime();
        try {
            broker.node.startup();
            broker.awaitReady();
        } catch (Exception e) { // Scala code may throw undeclared checked exceptions too
            broker.close();
            throw new IllegalStateException("Embedded Kafka broker on " + broker.bootstrapServers()
                    + " (data " + logDir + ") failed to start: " + e.getMessage(), e);
        }
        LOG.info("Embedded Kafka broker ready on {} in {} ms (data {})", broker.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), logDir);
        return broker;
    }

    private static Map<String, Object> brokerProps(Path logDir, int clientPort, ClusterMember member) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(member.nodeId()));
        p.put("controller.quorum.voters", member.quorumVoters());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("listeners", "PLAINTEXT://" + HOST + ":" + clientPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + member.controllerPort());
        p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + clientPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        // Internal topics as replicated as any other: on one node a single replica must be enough for
        // transactions (Kafka Streams exactly_once_v2) and consumer groups.
        String replicas = String.valueOf(member.replicationFactor());
        String minInSync = String.valueOf(member.minInSyncReplicas());
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minInSync);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minInSync);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minInSync);
        // Fewer internal partitions than the default 50: a small local cluster gains nothing from them,
        // and creating them slows the first group join and first transaction.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly (createTopics / Kafka Streams' own internal topics).
        p.put("auto.create.topics.enable", "false");
        // The log cleaner allocates its whole dedupe buffer up front (default 128 MB of heap);
        // a small embedded broker's compacted changelogs need far less.
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    private static void addSaslListener(Map<String, Object> p, int saslPort, PlainUser user) {
        String listener = SASL_LISTENER + "://" + HOST + ":" + saslPort;
        p.put("listeners", p.get("listeners") + "," + listener);
        p.put("advertised.listeners", p.get("advertised.listeners") + "," + listener);
        p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + "," + SASL_LISTENER + ":SASL_PLAINTEXT");
        p.put("sasl.enabled.mechanisms", "PLAIN");
        // the listener's own JAAS entry: user_<name>="<password>" are the credentials PLAIN accepts
        p.put("listener.name." + SASL_LISTENER.toLowerCase(Locale.ROOT) + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required user_" + user.name() + "=\"" + user.password() + "\";");
    }

    /** Formats {@code logDir} with {@code clusterId} unless it already holds a formatted broker. */
    private static void formatIfNeeded(Path logDir, Map<String, Object> brokerProps, String clusterId) {
        if (Files.exists(logDir.resolve(KafkaRaftInternals.META_PROPERTIES))) {
            return; // reuse: reformatting would wipe the cluster identity and the topics' metadata
        }
        KafkaRaftInternals.format(logDir, brokerProps, clusterId);
        LOG.info("Formatted Kafka storage in {} (cluster id {})", logDir, clusterId);
    }

    /** Polls until the broker is registered, unfenced and answering; startup() alone may return earlier. */
    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted waiting for the broker", e);
                }
                sleepQuietly(100);
            }
        }
        throw new IllegalStateException("broker not ready within " + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    /** {@code 127.0.0.1:PORT} of the SASL_PLAINTEXT listener of {@link #startWithSaslPlain}. */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("this broker was started without a SASL listener");
        }
        return HOST + ":" + saslPort;
    }

    /** The client listener port; pass it back to {@link #start(Path, int)} to restart on the same address. */
    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(props);
    }

    /** Shuts the broker down cleanly and waits for it; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long startNanos = System.nanoTime();
        node.shutdown();
        LOG.info("Embedded Kafka broker on {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
