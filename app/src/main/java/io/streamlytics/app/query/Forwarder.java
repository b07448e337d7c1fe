package io.streamlytics.app.query;

import io.streamlytics.app.http.ApiException;
import io.streamlytics.app.security.AccessControl;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends a query on to the instance that owns the key. The hop header marks a forwarded request, so
 * an instance that receives one answers from what it has and never forwards it again.
 */
public final class Forwarder {
    public static final String HOP_HEADER = "X-Streamlytics-Forwarded";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;
    private final String internalKey;

    /** @param internalKey sent to the other instances of the group when access control is on, else null */
    public Forwarder(Duration timeout, String internalKey) {
        this.timeout = timeout;
        this.internalKey = internalKey;
    }

    public HttpResponse<byte[]> get(HostInfo target, String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + target.host() + ":" + target.port() + pathAndQuery))
                .timeout(timeout).header(HOP_HEADER, "1");
        if (internalKey != null) {
            builder.header(AccessControl.INTERNAL_KEY_HEADER, internalKey);
        }
        HttpRequest request = builder.GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ApiException.unavailable("owner_unreachable", "the instance owning this key ("
                    + target.host() + ":" + target.port() + ") did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted", "interrupted while forwarding the query");
        }
    }
}
