package io.streamlytics.app.query;

import org.apache.kafka.streams.KafkaStreams;

/**
 * Why a query got no answer. Each kind builds its one message here; only the HTTP layer knows what status and
 * error code a kind becomes. These are answers to a client, not faults of the program, so they carry no stack trace.
 */
public abstract sealed class QueryFailure extends RuntimeException
        permits QueryFailure.UnknownKey, QueryFailure.BadOwnerReply, QueryFailure.RetryLater {

    private QueryFailure(String message) {
        super(message, null, false, false);
    }

    /** No state of the key within the retention: an answer, not a reason to ask elsewhere. */
    public static final class UnknownKey extends QueryFailure {
        /** What a key names, and what would have been seen of it had it existed. */
        public enum Kind {
            APP("app", "log lines"),
            CUSTOMER("customer", "requests"),
            JOB("job", "events"),
            USER("user", "events"),
            MERCHANT("merchant", "flyer opens");

            private final String label;
            private final String evidence;

            Kind(String label, String evidence) {
                this.label = label;
                this.evidence = evidence;
            }
        }

        private final Kind kind;

        public UnknownKey(Kind kind, String key) {
            super("no " + kind.evidence + " of " + kind.label + " '" + key + "' within the retention");
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    /** Another instance answered something that cannot be passed on. */
    public static final class BadOwnerReply extends QueryFailure {
        public BadOwnerReply(String address, String what) {
            super("the instance holding the state (" + address + ") answered " + what);
        }
    }

    /** Nobody can answer now, but the same query may succeed in a moment: state is starting, moving or restoring. */
    public abstract static sealed class RetryLater extends QueryFailure
            permits NotRunning, Restoring, PartitionUnavailable, OwnerUnreachable, OwnershipMoved, StandbyBehind, Interrupted {
        private RetryLater(String message) {
            super(message);
        }
    }

    /** This instance's streams are not running, or do not know yet where keys live. */
    public static final class NotRunning extends RetryLater {
        public NotRunning(KafkaStreams.State state) {
            super("this instance cannot answer yet: its streams are " + state);
        }

        public NotRunning(KafkaStreams.State state, String detail) {
            super("this instance cannot answer yet: its streams are " + state + " (" + detail + ")");
        }
    }

    /** The active copy here is restoring, or was re-initialised while it was read. */
    public static final class Restoring extends RetryLater {
        private final int partition;

        public Restoring(int partition) {
            super("this instance's copy of partition " + partition
                    + " is being restored (or was just re-initialised) and cannot answer yet");
            this.partition = partition;
        }

        public int partition() {
            return partition;
        }
    }

    /** A partition the query needs has no copy that can answer now. */
    public static final class PartitionUnavailable extends RetryLater {
        public PartitionUnavailable(String detail) {
            super("a partition this query needs cannot answer now (it is moving or restoring): " + detail);
        }
    }

    /** The instance holding the state did not answer in time, or not at all. */
    public static final class OwnerUnreachable extends RetryLater {
        public OwnerUnreachable(String address, String detail) {
            super("the instance holding the state (" + address + ") did not answer: " + detail);
        }
    }

    /** A peer forwarded the query here, but the key's partition has moved on from this instance. */
    public static final class OwnershipMoved extends RetryLater {
        public OwnershipMoved(int partition) {
            super("this instance no longer holds partition " + partition + " of the key");
        }
    }

    /** The owner cannot answer and the standby here does not know the key, which may only mean it lags behind. */
    public static final class StandbyBehind extends RetryLater {
        public StandbyBehind(UnknownKey unknownHere) {
            super("the key's owner cannot answer and its standby here does not know the key (it may lag behind): "
                    + unknownHere.getMessage());
        }
    }

    /** The wait for another instance was interrupted, as when this one shuts down. */
    public static final class Interrupted extends RetryLater {
        public Interrupted(String during) {
            super("interrupted while " + during);
        }
    }
}
