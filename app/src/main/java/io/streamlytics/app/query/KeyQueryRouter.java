package io.streamlytics.app.query;

import io.javalin.http.Context;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.app.http.Json;
import io.streamlytics.app.security.AccessControl;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;

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
    private final RunningTasks runningTasks;

    public KeyQueryRouter(KafkaStreams streams, Forwarder forwarder, HostInfo self, RunningTasks runningTasks) {
        this.streams = streams;
        this.runningTasks = runningTasks;
        this.locator = new KeyLocator(streams);
        this.forwarder = forwarder;
        this.self = self;
    }

    /** Called on every change of the streams state, when keys may have moved. */
    public void streamsStateChanged() {
        locator.forgetOwners();
    }

    public void answer(Context ctx, String store, String key, LocalQuery local) {
        Owner owner = locator.locate(store, key);
        boolean forwarded = AccessControl.forwardedByPeer(ctx);
        if (owner.active().equals(self)) {
            try {
                Object rows = runningTasks.readRunning(store, owner.partition(), () -> local.read(owner.partition(), true));
                ctx.header(SERVED_BY_HEADER, self.host() + ":" + self.port());
                Json.reply(ctx, 200, rows);
            } catch (ApiException restoring) {
                // when the query was forwarded here, the instance that forwarded it asks the standbys itself
                if (restoring.status() != 503 || forwarded || !answerFromStandby(ctx, store, owner, local)) {
                    throw restoring;
                }
            }
            return;
        }
        if (forwarded) {
            if (!owner.standbys().contains(self)) {
                throw ApiException.unavailable("ownership_moved", "this instance no longer holds the key's partition");
            }
            answerStale(ctx, store, owner.partition(), local);
            return;
        }
        Forwarder.Reply ownerReply;
        try {
            ownerReply = forwarder.get(owner.active(), AccessControl.pathAndQuery(ctx));
        } catch (ApiException ownerDown) {
            if (!answerFromStandby(ctx, store, owner, local)) {
                throw ownerDown;
            }
            return;
        }
        // an owner that is restoring or moving answers 503; a standby's answer, marked stale, is better
        if (ownerReply.status() != 503 || !answerFromStandby(ctx, store, owner, local)) {
            relay(ctx, ownerReply);
        }
    }

    /** Answers from a standby copy of the key's partition, here or on another instance; false when none can. */
    private boolean answerFromStandby(Context ctx, String store, Owner owner, LocalQuery local) {
        for (HostInfo standby : owner.standbys()) {
            try {
                if (standby.equals(self)) {
                    answerStale(ctx, store, owner.partition(), local);
                    return true;
                }
                Forwarder.Reply reply = forwarder.get(standby, AccessControl.pathAndQuery(ctx));
                if (reply.status() != 503) {
                    relay(ctx, reply);
                    return true;
                }
            } catch (ApiException standbyCannotAnswer) {
                if (standbyCannotAnswer.status() != 503) {
                    throw standbyCannotAnswer;
                }
            }
        }
        return false;
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

    /** Passes another instance's answer on as JSON, whatever type it claimed, with only the headers that describe it. */
    private static void relay(Context ctx, Forwarder.Reply reply) {
        for (String header : new String[] {"Retry-After", STALE_HEADER, LAG_HEADER, SERVED_BY_HEADER}) {
            reply.headers().firstValue(header).ifPresent(value -> ctx.header(header, value));
        }
        ctx.status(reply.status()).contentType("application/json").result(reply.body());
    }
}
