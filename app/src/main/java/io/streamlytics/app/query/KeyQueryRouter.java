package io.streamlytics.app.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Answers a query for one key from wherever its state is: here if this instance is the active owner,
 * otherwise from the owner (forwarded once), and from a standby, marked stale, when the owner cannot
 * answer. Fails as {@link QueryFailure.RetryLater} when nobody can.
 */
public final class KeyQueryRouter {

    /** Reads the key's rows from this instance's copy of a partition. */
    @FunctionalInterface
    public interface LocalQuery<T> {
        T read(int partition, boolean requireActive);
    }

    /** Where a key's state lives. */
    @FunctionalInterface
    public interface OwnerLookup {
        Owner locate(String store, String key);
    }

    /** Hands back a read of this instance's active copy only if its task ran throughout the read ({@link RunningTasks}). */
    public interface ActiveCopyGuard {
        <T> T readRunning(String store, int partition, Supplier<T> read);
    }

    /** Asks another instance the same question. */
    @FunctionalInterface
    public interface Peers {
        Forwarder.Reply ask(HostInfo instance, String pathAndQuery);
    }

    /** How many records this instance's standby copy of a partition lags behind; -1 when unknown. */
    @FunctionalInterface
    public interface StandbyLag {
        long offsetLag(String store, int partition);
    }

    private final HostInfo self;
    private final String selfAddress;
    private final OwnerLookup owners;
    private final ActiveCopyGuard activeCopies;
    private final Peers peers;
    private final StandbyLag standbyLag;

    public KeyQueryRouter(HostInfo self, OwnerLookup owners, ActiveCopyGuard activeCopies, Peers peers, StandbyLag standbyLag) {
        this.self = self;
        this.selfAddress = self.host() + ":" + self.port();
        this.owners = owners;
        this.activeCopies = activeCopies;
        this.peers = peers;
        this.standbyLag = standbyLag;
    }

    /** The router of a running instance: its streams' owners and lags, its tracked tasks, its forwarder. */
    public static KeyQueryRouter of(KafkaStreams streams, KeyLocator locator, RunningTasks runningTasks, Forwarder forwarder,
                                    HostInfo self) {
        return new KeyQueryRouter(self, locator::locate, runningTasks::readRunning, forwarder::get,
                (store, partition) -> offsetLag(streams, store, partition));
    }

    public <T> KeyAnswer<T> answer(KeyRequest request, String store, String key, LocalQuery<T> local) {
        Owner owner = owners.locate(store, key);
        if (owner.active().equals(self)) {
            return answerAsOwner(request, store, owner, local);
        }
        if (request.forwardedByPeer()) {
            if (!owner.standbys().contains(self)) {
                throw new QueryFailure.OwnershipMoved(owner.partition());
            }
            return readStale(store, owner.partition(), local);
        }
        return askOwner(request, store, owner, local);
    }

    private <T> KeyAnswer<T> answerAsOwner(KeyRequest request, String store, Owner owner, LocalQuery<T> local) {
        try {
            T rows = activeCopies.readRunning(store, owner.partition(), () -> local.read(owner.partition(), true));
            return new KeyAnswer.Current<>(rows, selfAddress);
        } catch (QueryFailure.RetryLater cannotAnswerNow) {
            // when the query was forwarded here, the instance that forwarded it asks the standbys itself
            if (request.forwardedByPeer()) {
                throw cannotAnswerNow;
            }
            return fromStandby(request, store, owner, local).orElseThrow(() -> cannotAnswerNow);
        }
    }

    private <T> KeyAnswer<T> askOwner(KeyRequest request, String store, Owner owner, LocalQuery<T> local) {
        Forwarder.Reply ownerReply;
        try {
            ownerReply = peers.ask(owner.active(), request.pathAndQuery());
        } catch (QueryFailure ownerDown) {
            return fromStandby(request, store, owner, local).orElseThrow(() -> ownerDown);
        }
        // an owner that is restoring or moving cannot answer now; a standby's answer, marked stale, is better
        if (!ownerReply.cannotAnswerNow()) {
            return new KeyAnswer.Relayed<>(ownerReply);
        }
        return fromStandby(request, store, owner, local).orElse(new KeyAnswer.Relayed<>(ownerReply));
    }

    /** The answer of a standby copy of the key's partition, here or on another instance; empty when none can answer. */
    private <T> Optional<KeyAnswer<T>> fromStandby(KeyRequest request, String store, Owner owner, LocalQuery<T> local) {
        for (HostInfo standby : owner.standbys()) {
            try {
                if (standby.equals(self)) {
                    return Optional.of(readStale(store, owner.partition(), local));
                }
                Forwarder.Reply reply = peers.ask(standby, request.pathAndQuery());
                if (!reply.cannotAnswerNow()) {
                    return Optional.of(new KeyAnswer.Relayed<>(reply));
                }
            } catch (QueryFailure.RetryLater standbyCannotAnswer) {
                // the next standby may
            }
        }
        return Optional.empty();
    }

    private <T> KeyAnswer<T> readStale(String store, int partition, LocalQuery<T> local) {
        T rows;
        try {
            rows = local.read(partition, false);
        } catch (QueryFailure.UnknownKey unknownHere) {
            // a standby that has not caught up cannot tell an unknown key from one it has not seen yet
            throw new QueryFailure.StandbyBehind(unknownHere);
        }
        return new KeyAnswer.Stale<>(rows, selfAddress, standbyLag.offsetLag(store, partition));
    }

    private static long offsetLag(KafkaStreams streams, String store, int partition) {
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().getOrDefault(store, Map.of());
        LagInfo lag = lags.get(partition);
        return lag == null ? -1 : lag.offsetLag();
    }
}
