package io.streamlytics.app.http;

import io.streamlytics.app.query.QueryFailure;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of query failure as the contract and the README list it: status, error code, and Retry-After on a 503. */
class FailureRepliesTest {
    private record Expected(QueryFailure failure, int status, String code, Integer retryAfterSeconds) {
    }

    private static final List<Expected> TABLE = List.of(
            new Expected(new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.APP, "shop"), 404, "unknown_app", null),
            new Expected(new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.CUSTOMER, "c1"), 404, "unknown_customer", null),
            new Expected(new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.JOB, "1234"), 404, "unknown_job", null),
            new Expected(new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.USER, "u1"), 404, "unknown_user", null),
            new Expected(new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.MERCHANT, "21"), 404, "unknown_merchant", null),
            new Expected(new QueryFailure.BadOwnerReply("10.0.0.2:8080", "not one JSON value"), 502, "owner_bad_reply", null),
            new Expected(new QueryFailure.NotRunning(KafkaStreams.State.REBALANCING), 503, "not_ready", 1),
            new Expected(new QueryFailure.Restoring(3), 503, "partition_restoring", 1),
            new Expected(new QueryFailure.PartitionUnavailable("partitions [1, 2] have no active instance that answered"), 503,
                    "partition_unavailable", 1),
            new Expected(new QueryFailure.OwnerUnreachable("10.0.0.2:8080", "ConnectException"), 503, "owner_unreachable", 1),
            new Expected(new QueryFailure.OwnershipMoved(3), 503, "ownership_moved", 1),
            new Expected(new QueryFailure.StandbyBehind(new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.CUSTOMER, "c1")), 503,
                    "standby_behind", 1),
            new Expected(new QueryFailure.Interrupted("forwarding the query"), 503, "interrupted", 1));

    @Test
    void eachFailureHasItsStatusCodeAndRetryAfter() {
        for (Expected expected : TABLE) {
            ApiException reply = FailureReplies.of(expected.failure());
            String kind = expected.failure().getClass().getSimpleName();
            assertEquals(expected.status(), reply.status(), kind);
            assertEquals(expected.code(), reply.code(), kind);
            assertEquals(expected.retryAfterSeconds(), reply.retryAfterSeconds(), kind);
            assertEquals(expected.failure().getMessage(), reply.getMessage(), kind);
        }
    }

    @Test
    void everyKindOfFailureIsInTheTable() {
        Set<Class<?>> kinds = new HashSet<>();
        Deque<Class<?>> open = new ArrayDeque<>(List.of(QueryFailure.class));
        while (!open.isEmpty()) {
            Class<?> type = open.pop();
            if (type.isSealed()) {
                open.addAll(List.of(type.getPermittedSubclasses()));
            } else {
                kinds.add(type);
            }
        }
        Set<Class<?>> tabled = new HashSet<>();
        TABLE.forEach(expected -> tabled.add(expected.failure().getClass()));
        assertEquals(kinds, tabled);
    }

    @Test
    void messagesSayWhatIsMissingAndWhere() {
        assertEquals("no requests of customer 'c1' within the retention",
                new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.CUSTOMER, "c1").getMessage());
        assertTrue(new QueryFailure.Restoring(3).getMessage().contains("partition 3"));
        assertTrue(new QueryFailure.OwnerUnreachable("10.0.0.2:8080", "no reply within 10 s").getMessage()
                .endsWith("(10.0.0.2:8080) did not answer: no reply within 10 s"));
    }
}
