package io.streamlytics.app.query;

import com.sun.net.httpserver.HttpServer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A gather asks every instance at once and waits for all of them within one deadline, not one timeout each. */
class PartitionGathererTest {
    private static final HostInfo SELF = new HostInfo("127.0.0.1", 1);
    private final List<HttpServer> peers = new ArrayList<>();

    @AfterEach
    void stopPeers() {
        peers.forEach(peer -> peer.stop(0));
    }

    /** A peer that answers its partition's part after {@code delay}. */
    private HostInfo peer(int partition, Duration delay) throws IOException {
        HttpServer peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.setExecutor(Executors.newCachedThreadPool());
        peer.createContext("/", exchange -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = ("{\"partitions\":[" + partition + "],\"value\":" + partition + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        peer.start();
        peers.add(peer);
        return new HostInfo("127.0.0.1", peer.getAddress().getPort());
    }

    private static PartitionGatherer.Part<Integer> decode(byte[] body) {
        String json = new String(body, StandardCharsets.UTF_8);
        int partition = Integer.parseInt(json.replaceAll(".*\"value\":(\\d+).*", "$1"));
        return new PartitionGatherer.Part<>(Set.of(partition), partition);
    }

    @Test
    void fourSlowPeersTakeAsLongAsTheSlowestNotTheirSum() throws IOException {
        List<HostInfo> group = new ArrayList<>();
        for (int partition = 1; partition <= 4; partition++) {
            group.add(peer(partition, Duration.ofMillis(1500)));
        }
        // one after another they would need 6 s; each is within the 4 s deadline, all of them are not
        PartitionGatherer gatherer = new PartitionGatherer(() -> group, SELF,
                new Forwarder(Duration.ofSeconds(4), null), () -> 5);
        long start = System.nanoTime();
        List<Integer> parts = gatherer.gather(() -> new PartitionGatherer.Part<>(Set.of(0), 0), "/part",
                PartitionGathererTest::decode);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(Set.of(0, 1, 2, 3, 4), Set.copyOf(parts));
        assertTrue(millis < 4000, "took " + millis + " ms");
    }

    @Test
    void theDeadlineIsOneForTheWholeGather() throws IOException {
        // a timeout each would be 2.5 s for the first and 3 s more for the second
        List<HostInfo> group = List.of(peer(1, Duration.ofMillis(2500)), peer(2, Duration.ofSeconds(30)));
        PartitionGatherer gatherer = new PartitionGatherer(() -> group, SELF,
                new Forwarder(Duration.ofSeconds(3), null), () -> 3);
        long start = System.nanoTime();
        assertThrows(QueryFailure.OwnerUnreachable.class, () -> gatherer.gather(
                () -> new PartitionGatherer.Part<>(Set.of(0), 0), "/part", PartitionGathererTest::decode));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5000, "an instance that never answers costs the deadline, once: took " + millis + " ms");
    }
}
