package io.streamlytics.app.query;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.streamlytics.app.security.InternalRequestSigner;
import io.streamlytics.topology.events.EventJson;
import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a query on to the instance that owns the key. The hop header marks a forwarded request, so
 * an instance that receives one answers from what it has and never forwards it again. What comes back is
 * trusted no further than it must be: one JSON value of bounded size, read within the timeout; anything else
 * fails as a bad reply, or as an unreachable owner.
 */
public final class Forwarder {
    public static final String HOP_HEADER = "X-Streamlytics-Forwarded";
    /** Beyond any reply of ours: the largest is a page of 1,001 log lines of at most 64 KiB each. */
    static final int MAX_REPLY_BYTES = 128 * 1024 * 1024;

    /** Another instance's answer: its status, its headers, and a body that is one JSON value. */
    public record Reply(int status, HttpHeaders headers, byte[] body) {
        /** What an instance answers while the state asked for is starting, moving or restoring. */
        public boolean cannotAnswerNow() {
            return status == 503;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Duration timeout;
    private final InternalRequestSigner signer;
    private final int maxReplyBytes;

    /** @param signer signs requests to the other instances of the group when access control is on, else null */
    public Forwarder(Duration timeout, InternalRequestSigner signer) {
        this(timeout, signer, MAX_REPLY_BYTES);
    }

    Forwarder(Duration timeout, InternalRequestSigner signer, int maxReplyBytes) {
        this.timeout = timeout;
        this.signer = signer;
        this.maxReplyBytes = maxReplyBytes;
    }

    public Reply get(HostInfo target, String pathAndQuery) {
        return await(send(target, pathAndQuery), System.nanoTime() + timeout.toNanos());
    }

    /** Sends the request and returns at once, so that several instances can be asked at the same time. */
    public Pending send(HostInfo target, String pathAndQuery) {
        String address = target.host() + ":" + target.port();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://" + address + pathAndQuery))
                .timeout(timeout).header(HOP_HEADER, "1");
        if (signer != null) {
            signer.sign("GET", target, pathAndQuery).forEach(builder::header);
        }
        return new Pending(address, client.sendAsync(builder.GET().build(), info -> new BoundedBody(maxReplyBytes)));
    }

    /** A request on its way to another instance. */
    public record Pending(String address, CompletableFuture<HttpResponse<byte[]>> response) {
    }

    /** Waits for a reply until {@code deadlineNanos} (of {@link System#nanoTime()}); past it, the owner is unreachable. */
    public Reply await(Pending pending, long deadlineNanos) {
        String address = pending.address();
        HttpResponse<byte[]> response;
        try {
            // the request's own timeout ends when the headers arrive; the deadline covers the body too
            response = pending.response().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.response().cancel(true);
            throw new QueryFailure.OwnerUnreachable(address, "no reply within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (causedBy(e, ReplyTooLarge.class)) {
                throw new QueryFailure.BadOwnerReply(address, "more than " + maxReplyBytes + " bytes");
            }
            throw new QueryFailure.OwnerUnreachable(address, rootCause(e).getClass().getSimpleName());
        } catch (InterruptedException e) {
            pending.response().cancel(true);
            Thread.currentThread().interrupt();
            throw new QueryFailure.Interrupted("forwarding the query");
        }
        if (!isOneJsonValue(response.body())) {
            throw new QueryFailure.BadOwnerReply(address, "not one JSON value");
        }
        return new Reply(response.statusCode(), response.headers(), response.body());
    }

    /** How long one question to another instance, or one gather from all of them, may take. */
    public Duration timeout() {
        return timeout;
    }

    static boolean isOneJsonValue(byte[] body) {
        try (JsonParser parser = EventJson.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static final class ReplyTooLarge extends IOException {
        ReplyTooLarge(int limit) {
            super("reply larger than " + limit + " bytes");
        }
    }

    /** Collects the body up to a limit, and gives up on the connection past it rather than holding it all. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final int limit;
        private Flow.Subscription subscription;
        private long received;
        private boolean overLimit;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            bytes.onSubscribe(subscription);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (overLimit) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            if (received > limit) {
                overLimit = true;
                subscription.cancel();
                bytes.onError(new ReplyTooLarge(limit));
                return;
            }
            bytes.onNext(buffers);
        }

        @Override
        public void onError(Throwable error) {
            if (!overLimit) {
                bytes.onError(error);
            }
        }

        @Override
        public void onComplete() {
            if (!overLimit) {
                bytes.onComplete();
            }
        }
    }
}
