package io.streamlytics.app.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.streamlytics.app.security.InternalRequestSigner;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The instance a key's owner is advertised as may be anything: a peer that answers badly gets nothing through. */
class ForwarderTest {
    private static final String KEY = "internal-secret-of-the-group";
    private final Map<String, List<String>> receivedHeaders = Collections.synchronizedMap(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    private HttpServer peer;
    private HostInfo peerAddress;

    @BeforeEach
    void startPeer() throws IOException {
        peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        peer.start();
        peerAddress = new HostInfo("127.0.0.1", peer.getAddress().getPort());
    }

    @AfterEach
    void stopPeer() {
        peer.stop(0);
    }

    private void answer(String path, int status, String contentType, byte[] body) {
        peer.createContext(path, exchange -> {
            exchange.getRequestHeaders().forEach(receivedHeaders::put);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Forwarder forwarder(int maxReplyBytes) {
        return new Forwarder(Duration.ofSeconds(5), new InternalRequestSigner(KEY, System::currentTimeMillis), maxReplyBytes);
    }

    @Test
    void theInternalKeyIsNeverSentOnlyASignatureForThatInstance() {
        answer("/customers", 200, "application/json", utf8("{\"ok\":true}"));
        Forwarder.Reply reply = forwarder(1024).get(peerAddress, "/customers/c1/stats?from=2024-09-03");
        assertEquals(200, reply.status());
        receivedHeaders.forEach((name, values) -> values.forEach(value -> assertFalse(value.contains(KEY), name + ": " + value)));
        InternalRequestSigner receiver = new InternalRequestSigner(KEY, System::currentTimeMillis);
        assertTrue(receiver.verify("GET", peerAddress, "/customers/c1/stats?from=2024-09-03",
                receivedHeaders.get(InternalRequestSigner.TIME_HEADER).get(0),
                receivedHeaders.get(InternalRequestSigner.SIGNATURE_HEADER).get(0)));
    }

    @Test
    void aJsonAnswerPassesWithItsStatus() {
        answer("/", 404, "text/html", utf8("{\"error\":{\"code\":\"unknown_customer\",\"message\":\"no\"}}"));
        Forwarder.Reply reply = forwarder(1024).get(peerAddress, "/customers/nobody/stats");
        assertEquals(404, reply.status());
        assertArrayEquals(utf8("{\"error\":{\"code\":\"unknown_customer\",\"message\":\"no\"}}"), reply.body());
    }

    @Test
    void anAnswerThatIsNotOneJsonValueIsABadGateway() {
        answer("/html", 200, "text/html", utf8("<script>alert(document.cookie)</script>"));
        answer("/trailing", 200, "application/json", utf8("{\"items\":[]}<script>alert(1)</script>"));
        answer("/two", 200, "application/json", utf8("{} {}"));
        answer("/empty", 200, "application/json", new byte[0]);
        for (String path : new String[] {"/html", "/trailing", "/two", "/empty"}) {
            assertThrows(QueryFailure.BadOwnerReply.class, () -> forwarder(1024).get(peerAddress, path), path);
        }
    }

    @Test
    void anAnswerBeyondTheLimitIsABadGatewayNotAHeapFull() {
        answer("/big", 200, "application/json", utf8("[" + "1,".repeat(50_000) + "1]"));
        QueryFailure bad = assertThrows(QueryFailure.BadOwnerReply.class, () -> forwarder(1024).get(peerAddress, "/big"));
        assertTrue(bad.getMessage().contains("more than 1024 bytes"), bad.getMessage());
    }

    @Test
    void aBodyThatTricklesIsCutOffAtTheTimeout() {
        peer.createContext("/slow", (HttpExchange exchange) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write('[');
                out.flush();
                Thread.sleep(10_000);
                out.write(']');
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            }
        });
        Forwarder forwarder = new Forwarder(Duration.ofSeconds(1), null, 1024);
        long start = System.nanoTime();
        assertThrows(QueryFailure.OwnerUnreachable.class, () -> forwarder.get(peerAddress, "/slow"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "gave up at about the timeout");
    }
}
