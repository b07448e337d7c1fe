package io.streamlytics.app.query;

import io.javalin.http.Context;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.app.http.Json;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * Answers a query for one key from wherever its state is: here if this instance is the active owner,
 * otherwise from the owner (forwarded once), and from a standby, marked stale, when the owner cannot
 * answer. Replies 503 with Retry-After when nobody can.
 */
public final class KeyQueryRouter {
    public static final String STALE_HEADER = "X-Streamlytics-Stale";
    public static final String LAG_HEADER = "X-Streamlytics-Lag";
    /** The instance whose state answered, so that clients and tests can see where a query went. */
    public static final String SERVED_BY_HEADER = "X-Streamlytics-Served-By";

    /** Reads the key's rows from this instance's copy of a partition. */
    @FunctionalInterface
    public interface LocalQuery {
        Object read(int partition, boolean requireActive);
    }

    private final KafkaStreams streams;
    private final KeyLocator locator;
    private final Forwarder forwarder;
    private final HostInfo self;

    public KeyQueryRouter(KafkaStreams streams, Forwarder forwarder, HostInfo self) {
        this.streams = streams;
        this.locator = new KeyLocator(streams);
        this.forwarder = forwarder;
        this.self = self;
    }

    public void answer(Context ctx, String store, String key, LocalQuery local) {
        Owner owner = locator.locate(store, key);
        if (owner.active().equals(self)) {
            Object rows = local.read(owner.partition(), true);
            ctx.header(SERVED_BY_HEADER, self.host() + ":" + self.port());
            Json.reply(ctx, 200, rows);
            return;
        }
        boolean forwarded = ctx.header(Forwarder.HOP_HEADER) != null;
        boolean standbyHere = owner.standbys().contains(self);
        if (forwarded) {
            if (!standbyHere) {
                throw ApiException.unavailable("ownership_moved", "this instance no longer holds the key's partition");
            }
            answerStale(ctx, store, owner.partition(), local);
            return;
        }
        try {
            relay(ctx, forwarder.get(owner.active(), pathAndQuery(ctx)));
        } catch (ApiException ownerDown) {
            if (standbyHere) {
                answerStale(ctx, store, owner.partition(), local);
                return;
            }
            for (HostInfo standby : owner.standbys()) {
                try {
                    relay(ctx, forwarder.get(standby, pathAndQuery(ctx)));
                    return;
                } catch (ApiException standbyDown) {
                    // try the next standby
                }
            }
            throw ownerDown;
        }
    }

    private void answerStale(Context ctx, String store, int partition, LocalQuery local) {
        Object rows;
        try {
            rows = local.read(partition, false);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            // a standby that has not caught up cannot tell an unknown key from one it has not seen yet
            throw ApiException.unavailable("standby_behind", "the key's owner cannot answer and its standby here does not"
                    + " know the key (it may lag behind): " + e.getMessage());
        }
        ctx.header(SERVED_BY_HEADER, self.host() + ":" + self.port());
        ctx.header(STALE_HEADER, "true");
        ctx.header(LAG_HEADER, Long.toString(offsetLag(store, partition)));
        Json.reply(ctx, 200, rows);
    }

    private long offsetLag(String store, int partition) {
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
        LagInfo lag = lags.get(partition);
        return lag == null ? -1 : lag.offsetLag();
    }

    private static void relay(Context ctx, HttpResponse<byte[]> response) {
        for (String header : new String[] {"Content-Type", "Retry-After", STALE_HEADER, LAG_HEADER, SERVED_BY_HEADER}) {
            response.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
        ctx.status(response.statusCode()).result(response.body());
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
