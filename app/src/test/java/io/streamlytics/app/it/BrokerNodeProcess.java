package io.streamlytics.app.it;

import io.streamlytics.app.broker.BrokerProcess;
import io.streamlytics.app.broker.EmbeddedKafkaBroker;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of one {@link BrokerCluster} node in its own JVM: starts the node, then serves until killed.
 * Arguments: data dir, node id, client port, the controller ports of all nodes (comma-separated), cluster id, and the
 * pid of the JVM that started it, which it does not outlive (a test JVM that dies must not leave brokers behind).
 */
public final class BrokerNodeProcess {
    private BrokerNodeProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: BrokerNodeProcess DATA_DIR NODE_ID CLIENT_PORT CONTROLLER_PORTS CLUSTER_ID PARENT_PID");
            System.exit(2);
        }
        List<Integer> controllerPorts = Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList();
        BrokerProcess.runUntilStopped(Long.parseLong(args[5]), () -> EmbeddedKafkaBroker.startClusterMember(Path.of(args[0]),
                Integer.parseInt(args[2]), new EmbeddedKafkaBroker.ClusterMember(Integer.parseInt(args[1]), controllerPorts, args[4])));
    }
}
