package io.streamlytics.app.it;

import io.streamlytics.app.FreePort;
import io.streamlytics.app.kafka.KafkaConnection;
import io.streamlytics.app.kafka.TopicSetup;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A KRaft cluster of combined broker+controller nodes, each its own JVM ({@link BrokerNodeProcess} on the test's class
 * path, the same Kafka artifacts as the embedded broker) with fixed ports and its own data dir, so that a node can be
 * SIGKILLed and started again as it was. Topics get three replicas, two of them in sync for acks=all.
 * Closing stops every node; a shutdown hook kills those still running if the test JVM ends first.
 */
final class BrokerCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path dir;
    private final List<Integer> clientPorts;
    private final List<Integer> controllerPorts;
    private final String clusterId;
    private final Process[] processes;
    private final Thread killOnExit = new Thread(this::killAll, "broker-cluster-kill-on-exit");

    private BrokerCluster(Path dir, int nodes) {
        this.dir = dir;
        this.clientPorts = IntStream.range(0, nodes).mapToObj(i -> FreePort.onLoopback()).toList();
        this.controllerPorts = IntStream.range(0, nodes).mapToObj(i -> FreePort.onLoopback()).toList();
        this.clusterId = Uuid.randomUuid().toString();
        this.processes = new Process[nodes];
    }

    /** Starts {@code nodes} nodes at once (a node waits for a majority of the voters) and waits until all are brokers of the cluster. */
    static BrokerCluster start(Path dir, int nodes) {
        BrokerCluster cluster = new BrokerCluster(dir, nodes);
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        try {
            for (int node = 1; node <= nodes; node++) {
                cluster.launch(node);
            }
            cluster.awaitBrokers(nodes, START_TIMEOUT);
            return cluster;
        } catch (RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return clientPorts.stream().map(port -> HOST + ":" + port).collect(Collectors.joining(","));
    }

    private void launch(int node) {
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), BrokerNodeProcess.class.getName(),
                dir.resolve("node-" + node).toString(), Integer.toString(node), Integer.toString(clientPorts.get(node - 1)),
                controllerPorts.stream().map(String::valueOf).collect(Collectors.joining(",")), clusterId,
                Long.toString(ProcessHandle.current().pid()));
        try {
            processes[node - 1] = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start broker node " + node + ": " + command, e);
        }
    }

    /** SIGKILL ({@link Process#destroyForcibly()} on Linux): no controlled shutdown, no leadership handed over. */
    void kill(int node) throws InterruptedException {
        Process process = processes[node - 1];
        process.destroyForcibly();
        process.waitFor();
        assertEquals(AppProcess.KILLED_BY_SIGKILL, process.exitValue(), "broker node " + node + " was not ended by SIGKILL");
    }

    /** Starts a killed node again on its ports and data, and waits until the cluster has all its brokers again. */
    void restart(int node) {
        if (processes[node - 1].isAlive()) {
            throw new IllegalStateException("broker node " + node + " is still running");
        }
        launch(node);
        awaitBrokers(processes.length, START_TIMEOUT);
    }

    /** The node leading the controller quorum (the active controller). */
    int activeController() {
        try (Admin admin = admin()) {
            return admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe the metadata quorum of " + bootstrapServers(), e);
        }
    }

    /** How many partitions of these topics {@code node} leads. */
    int partitionsLedBy(int node, Collection<String> topics) {
        return (int) describe(topics).values().stream().flatMap(topic -> topic.partitions().stream())
                .filter(partition -> partition.leader() != null && partition.leader().id() == node).count();
    }

    /** Waits until every replica of every topic is in sync again (a restarted node has caught up). */
    void awaitFullyReplicated(Duration timeout) {
        Instances.await(timeout, () -> {
            try (Admin admin = admin()) {
                List<String> topics = new ArrayList<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                        .get(30, TimeUnit.SECONDS));
                return describe(admin, topics).values().stream().flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.isr().size() == partition.replicas().size());
            } catch (Exception e) {
                return false;
            }
        }, "every replica of every topic is in sync");
    }

    private void awaitBrokers(int count, Duration timeout) {
        Instances.await(timeout, () -> {
            for (int node = 1; node <= processes.length; node++) {
                Process process = processes[node - 1];
                if (process != null && !process.isAlive() && process.exitValue() != AppProcess.KILLED_BY_SIGKILL) {
                    throw new AssertionError("broker node " + node + " exited with " + process.exitValue() + "; its log:\n" + tail(node));
                }
            }
            try (Admin admin = admin()) {
                return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == count;
            } catch (Exception e) {
                return false;
            }
        }, count + " brokers are up in the cluster on " + bootstrapServers());
    }

    private Map<String, TopicDescription> describe(Collection<String> topics) {
        try (Admin admin = admin()) {
            return describe(admin, topics);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topics + " on " + bootstrapServers(), e);
        }
    }

    private static Map<String, TopicDescription> describe(Admin admin, Collection<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
    }

    private Admin admin() {
        return TopicSetup.admin(KafkaConnection.of(bootstrapServers()));
    }

    private Path log(int node) {
        return dir.resolve("node-" + node + ".log");
    }

    /** The last lines of every node's log, for a failure message. */
    String tails() {
        StringJoiner all = new StringJoiner("\n");
        for (int node = 1; node <= processes.length; node++) {
            all.add("--- broker node " + node + " ---").add(tail(node));
        }
        return all.toString();
    }

    private String tail(int node) {
        try {
            List<String> lines = Files.readAllLines(log(node));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Stops every node cleanly (SIGTERM), killing any that does not stop within 30 s. */
    @Override
    public void close() {
        for (Process process : processes) {
            if (process != null) {
                process.destroy();
            }
        }
        for (Process process : processes) {
            if (process != null) {
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        process.destroyForcibly().waitFor();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyExiting) {
            // the hook runs (or ran) anyway
        }
    }

    private void killAll() {
        for (Process process : processes) {
            if (process != null) {
                process.destroyForcibly();
            }
        }
    }
}
