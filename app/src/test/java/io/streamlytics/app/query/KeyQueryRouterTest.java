package io.streamlytics.app.query;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Where the router takes a key's answer from, with the owners, the running check and the other instances faked:
 * the owner first, a standby when the owner cannot answer now, and never a second forward of a forwarded query.
 */
class KeyQueryRouterTest {
    private static final HostInfo SELF = new HostInfo("10.0.0.1", 8080);
    private static final HostInfo OTHER = new HostInfo("10.0.0.2", 8080);
    private static final HostInfo THIRD = new HostInfo("10.0.0.3", 8080);
    private static final String SELF_ADDRESS = "10.0.0.1:8080";
    private static final String STORE = "customer-daily-stats-store";
    private static final int PARTITION = 4;
    private static final long STANDBY_LAG = 7;
    private static final String PATH = "/customers/c1/stats?from=2024-09-03";
    private static final KeyRequest FROM_CLIENT = new KeyRequest(PATH, false);
    private static final KeyRequest FROM_PEER = new KeyRequest(PATH, true);

    /** Reads as a copy here would, saying which copy it read. */
    private static final KeyQueryRouter.LocalQuery<String> ROWS = (partition, requireActive) ->
            (requireActive ? "active" : "standby") + " copy of partition " + partition;
    private static final KeyQueryRouter.LocalQuery<String> UNKNOWN_HERE = (partition, requireActive) -> {
        throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.CUSTOMER, "c1");
    };

    /** What each other instance answers; an instance without an entry is a test mistake. */
    private final Map<HostInfo, Supplier<Forwarder.Reply>> peerAnswers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private boolean activeCopyRunning = true;

    private final KeyQueryRouter.ActiveCopyGuard guard = new KeyQueryRouter.ActiveCopyGuard() {
        @Override
        public <T> T readRunning(String store, int partition, Supplier<T> read) {
            if (!activeCopyRunning) {
                throw new QueryFailure.Restoring(partition);
            }
            return read.get();
        }
    };

    private KeyAnswer<String> answer(KeyRequest request, Owner owner, KeyQueryRouter.LocalQuery<String> local) {
        KeyQueryRouter router = new KeyQueryRouter(SELF, (store, key) -> owner, guard, (instance, pathAndQuery) -> {
            asked.add(instance.host() + " " + pathAndQuery);
            return peerAnswers.get(instance).get();
        }, (store, partition) -> STANDBY_LAG);
        return router.answer(request, STORE, "c1", local);
    }

    private static Owner owner(HostInfo active, HostInfo... standbys) {
        return new Owner(PARTITION, active, new LinkedHashSet<>(List.of(standbys)));
    }

    private static Forwarder.Reply reply(int status, String body) {
        return new Forwarder.Reply(status, HttpHeaders.of(Map.of(), (name, value) -> true), body.getBytes(StandardCharsets.UTF_8));
    }

    private void answers(HostInfo instance, Forwarder.Reply reply) {
        peerAnswers.put(instance, () -> reply);
    }

    private void fails(HostInfo instance, Supplier<QueryFailure> failure) {
        peerAnswers.put(instance, () -> {
            throw failure.get();
        });
    }

    private static QueryFailure unreachable(HostInfo instance) {
        return new QueryFailure.OwnerUnreachable(instance.host(), "ConnectException");
    }

    @Test
    void theActiveCopyHereAnswersAndNobodyIsAsked() {
        assertEquals(new KeyAnswer.Current<>("active copy of partition 4", SELF_ADDRESS), answer(FROM_CLIENT, owner(SELF, OTHER), ROWS));
        assertEquals(List.of(), asked);
    }

    @Test
    void theOwnerElsewhereIsAskedTheRequestAsItCameAndItsReplyPassedOn() {
        Forwarder.Reply ownerReply = reply(200, "[]");
        answers(OTHER, ownerReply);
        assertEquals(new KeyAnswer.Relayed<>(ownerReply), answer(FROM_CLIENT, owner(OTHER, SELF), ROWS));
        assertEquals(List.of("10.0.0.2 " + PATH), asked);
    }

    @Test
    void anOwnersNotFoundIsPassedOnWithoutAskingAStandby() {
        Forwarder.Reply notFound = reply(404, "{\"error\":{\"code\":\"unknown_customer\",\"message\":\"no\"}}");
        answers(OTHER, notFound);
        assertEquals(new KeyAnswer.Relayed<>(notFound), answer(FROM_CLIENT, owner(OTHER, SELF), ROWS));
    }

    @Test
    void anOwnerThatCannotAnswerNowGivesWayToTheStandbyHere() {
        answers(OTHER, reply(503, "{}"));
        assertEquals(new KeyAnswer.Stale<>("standby copy of partition 4", SELF_ADDRESS, STANDBY_LAG),
                answer(FROM_CLIENT, owner(OTHER, SELF), ROWS));
    }

    @Test
    void withoutAStandbyTheOwnersOwnRetryLaterIsPassedOn() {
        Forwarder.Reply restoring = reply(503, "{}");
        answers(OTHER, restoring);
        assertEquals(new KeyAnswer.Relayed<>(restoring), answer(FROM_CLIENT, owner(OTHER), ROWS));
    }

    @Test
    void anUnreachableOwnerGivesWayToAStandbyElsewhere() {
        fails(OTHER, () -> unreachable(OTHER));
        Forwarder.Reply standbyReply = reply(200, "[]");
        answers(THIRD, standbyReply);
        assertEquals(new KeyAnswer.Relayed<>(standbyReply), answer(FROM_CLIENT, owner(OTHER, THIRD), ROWS));
        assertEquals(List.of("10.0.0.2 " + PATH, "10.0.0.3 " + PATH), asked);
    }

    @Test
    void anUnreachableOwnerWithoutAStandbyFailsAsUnreachable() {
        fails(OTHER, () -> unreachable(OTHER));
        assertThrows(QueryFailure.OwnerUnreachable.class, () -> answer(FROM_CLIENT, owner(OTHER), ROWS));
    }

    @Test
    void standbysAreAskedInTurnUntilOneAnswers() {
        answers(OTHER, reply(503, "{}"));
        fails(THIRD, () -> unreachable(THIRD));
        assertEquals(new KeyAnswer.Stale<>("standby copy of partition 4", SELF_ADDRESS, STANDBY_LAG),
                answer(FROM_CLIENT, owner(OTHER, THIRD, SELF), ROWS));
        assertEquals(List.of("10.0.0.2 " + PATH, "10.0.0.3 " + PATH), asked);
    }

    @Test
    void aStandbysBadReplyIsNotPassedOverInSilence() {
        answers(OTHER, reply(503, "{}"));
        fails(THIRD, () -> new QueryFailure.BadOwnerReply("10.0.0.3:8080", "not one JSON value"));
        assertThrows(QueryFailure.BadOwnerReply.class, () -> answer(FROM_CLIENT, owner(OTHER, THIRD, SELF), ROWS));
    }

    @Test
    void aRestoringActiveCopyHereGivesWayToAStandby() {
        activeCopyRunning = false;
        Forwarder.Reply standbyReply = reply(200, "[]");
        answers(OTHER, standbyReply);
        assertEquals(new KeyAnswer.Relayed<>(standbyReply), answer(FROM_CLIENT, owner(SELF, OTHER), ROWS));
    }

    @Test
    void aRestoringActiveCopyHereLeavesTheStandbysToThePeerThatForwarded() {
        activeCopyRunning = false;
        QueryFailure.Restoring restoring = assertThrows(QueryFailure.Restoring.class, () -> answer(FROM_PEER, owner(SELF, OTHER), ROWS));
        assertEquals(PARTITION, restoring.partition());
        assertEquals(List.of(), asked);
    }

    @Test
    void aRestoringActiveCopyWithoutAStandbyFailsAsRestoring() {
        activeCopyRunning = false;
        assertThrows(QueryFailure.Restoring.class, () -> answer(FROM_CLIENT, owner(SELF), ROWS));
    }

    @Test
    void aKeyTheActiveCopyDoesNotKnowIsUnknownAndNoStandbyIsAsked() {
        assertThrows(QueryFailure.UnknownKey.class, () -> answer(FROM_CLIENT, owner(SELF, OTHER), UNKNOWN_HERE));
        assertEquals(List.of(), asked);
    }

    @Test
    void aForwardedQueryIsAnsweredByTheStandbyHereAndNeverForwardedAgain() {
        assertEquals(new KeyAnswer.Stale<>("standby copy of partition 4", SELF_ADDRESS, STANDBY_LAG),
                answer(FROM_PEER, owner(OTHER, SELF), ROWS));
        assertEquals(List.of(), asked);
    }

    @Test
    void aForwardedQueryForAPartitionThatMovedAwayFailsAsMoved() {
        assertThrows(QueryFailure.OwnershipMoved.class, () -> answer(FROM_PEER, owner(OTHER, THIRD), ROWS));
        assertEquals(List.of(), asked);
    }

    @Test
    void aStandbyThatDoesNotKnowTheKeyMayOnlyLagBehind() {
        assertThrows(QueryFailure.StandbyBehind.class, () -> answer(FROM_PEER, owner(OTHER, SELF), UNKNOWN_HERE));
    }

    @Test
    void aStandbyHereThatDoesNotKnowTheKeyLetsTheOwnersRetryLaterThrough() {
        Forwarder.Reply restoring = reply(503, "{}");
        answers(OTHER, restoring);
        assertEquals(new KeyAnswer.Relayed<>(restoring), answer(FROM_CLIENT, owner(OTHER, SELF), UNKNOWN_HERE));
    }
}
