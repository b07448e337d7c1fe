package io.streamlytics.app.kafka;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Knows within a fraction of a second when no Kafka broker can be reached, so that ingest refuses at
 * once instead of letting every request wait out the producer's timeout. The probe is a plain TCP
 * connect to each bootstrap server: the kernel answers it even when the broker's JVM is busy, so a busy
 * cluster is never mistaken for a missing one; only "nobody accepts a connection" counts as down.
 */
public final class KafkaWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaWatch.class);

    private final List<InetSocketAddress> servers;
    private final int connectTimeoutMs;
    private final ScheduledExecutorService timer;
    private volatile boolean reachable = true;

    private KafkaWatch(List<InetSocketAddress> servers, int connectTimeoutMs) {
        this.servers = servers;
        this.connectTimeoutMs = connectTimeoutMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "streamlytics-kafka-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Probes {@code bootstrapServers} ("host:port,host:port") every {@code period}. */
    public static KafkaWatch start(String bootstrapServers, Duration period) {
        List<InetSocketAddress> servers = Arrays.stream(bootstrapServers.split(","))
                .map(String::trim)
                .filter(server -> !server.isEmpty())
                .map(KafkaWatch::address)
                .toList();
        KafkaWatch watch = new KafkaWatch(servers, (int) Math.max(100, period.toMillis() * 2));
        watch.timer.scheduleWithFixedDelay(watch::probe, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** False once no bootstrap server accepted a connection at the last probe. */
    public boolean reachable() {
        return reachable;
    }

    public String servers() {
        return servers.stream().map(a -> a.getHostString() + ":" + a.getPort()).reduce((a, b) -> a + "," + b).orElse("");
    }

    private void probe() {
        boolean now = servers.stream().anyMatch(this::accepts);
        if (now != reachable) {
            if (now) {
                LOG.info("Kafka at {} is reachable again", servers());
            } else {
                LOG.warn("Kafka at {} is unreachable: ingest answers 503 until a broker accepts connections again", servers());
            }
        }
        reachable = now;
    }

    private boolean accepts(InetSocketAddress server) {
        try (Socket socket = new Socket()) {
            // resolved on every probe: a broker that comes back under a new address is found
            socket.connect(new InetSocketAddress(server.getHostString(), server.getPort()), connectTimeoutMs);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static InetSocketAddress address(String hostPort) {
        String host = Utils.getHost(hostPort); // Kafka's own parsing: "host:port", "[::1]:9092"
        Integer port = Utils.getPort(hostPort);
        if (host == null || port == null) {
            throw new IllegalArgumentException("bootstrap server '" + hostPort + "' is not host:port");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
