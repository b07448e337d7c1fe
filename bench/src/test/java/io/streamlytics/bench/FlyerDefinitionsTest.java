package io.streamlytics.bench;

import io.streamlytics.bench.FlyerDefinitions.Answer;
import io.streamlytics.bench.FlyerDefinitions.Difference;
import io.streamlytics.bench.FlyerDefinitions.User;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmark's own check of both definitions, on events whose answers are worked out by hand below. */
class FlyerDefinitionsTest {
    private static final long T0 = Instant.parse("2024-09-03T00:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final FlyerDefinitions definitions = new FlyerDefinitions();

    @Test
    void aSessionAndALoneOpenAgree() {
        add("u", "flyer_open", "1", 0);
        add("u", "flyer_close", "1", 30);
        add("u", "flyer_open", "2", 40);
        assertEquals(new User(new Answer(1, 30 * MINUTE), new Answer(1, 30 * MINUTE), Set.of()), only("u"));
        assertEquals(0.5, only("u").contract().hours());
    }

    @Test
    void theTimeBetweenTwoSessionsIsAClassicPair() {
        add("u", "flyer_open", "1", 0);
        add("u", "flyer_close", "1", 60);
        add("u", "flyer_open", "1", 120);
        add("u", "flyer_close", "1", 150);
        User user = only("u");
        assertEquals(Set.of(Difference.CLOSE_THEN_OPEN), user.differences());
        assertEquals(0.75, user.contract().hours()); // 90 minutes over 2 sessions
        assertEquals(0.83, user.classic().hours()); // 150 minutes over 3 pairs
    }

    @Test
    void atOneInstantACloseComesBeforeAnOpen() {
        add("u", "flyer_open", "1", 0);
        add("u", "flyer_open", "1", 60); // sent before the close of the same minute
        add("u", "flyer_close", "1", 60);
        add("u", "flyer_close", "1", 120);
        User user = only("u");
        assertEquals(new Answer(2, 120 * MINUTE), user.contract());
        assertEquals(new Answer(3, 120 * MINUTE), user.classic());
        assertEquals(Set.of(Difference.CLOSE_THEN_OPEN), user.differences());
    }

    @Test
    void fourHoursIsStillASessionAndMoreIsNot() {
        add("within", "flyer_open", "1", 0);
        add("within", "flyer_close", "1", 240);
        add("over", "flyer_open", "1", 0);
        add("over", "flyer_close", "1", 241);
        Map<String, User> users = definitions.users();
        assertEquals(4.0, users.get("within").contract().hours());
        assertEquals(Set.of(), users.get("within").differences());
        assertEquals(Answer.NONE, users.get("over").contract());
        assertEquals(4.02, users.get("over").classic().hours());
        assertEquals(Set.of(Difference.OVER_MAXIMUM), users.get("over").differences());
    }

    @Test
    void abandonedOpensOrphanClosesAndDuplicatesArePairsOnlyToTheClassicDefinition() {
        add("abandons", "flyer_open", "1", 0);
        add("abandons", "flyer_open", "1", 60);
        add("abandons", "flyer_close", "1", 90);
        add("orphans", "flyer_close", "1", 0);
        add("orphans", "flyer_close", "1", 60);
        add("twice", "flyer_open", "1", 0);
        add("twice", "flyer_open", "1", 0);
        add("twice", "flyer_close", "1", 60);
        Map<String, User> users = definitions.users();
        assertEquals(new User(new Answer(1, 30 * MINUTE), new Answer(2, 90 * MINUTE), Set.of(Difference.OPEN_THEN_OPEN)), users.get("abandons"));
        assertEquals(new User(Answer.NONE, new Answer(1, 60 * MINUTE), Set.of(Difference.CLOSE_THEN_CLOSE)), users.get("orphans"));
        assertEquals(new User(new Answer(1, 60 * MINUTE), new Answer(2, 60 * MINUTE), Set.of(Difference.DUPLICATE)), users.get("twice"));
        assertEquals(0.5, users.get("twice").classic().hours());
    }

    @Test
    void aUserWithOtherEventsOnlyIsKnownWithNothingTimed() {
        definitions.add("{\"timestamp\":" + T0 + ",\"user_id\":\"u\",\"event\":\"app_open\"}");
        assertEquals(new User(Answer.NONE, Answer.NONE, Set.of()), only("u"));
        assertEquals(0.0, only("u").contract().hours());
    }

    @Test
    void averagesRoundHalfUp() {
        add("u", "flyer_open", "1", 0);
        definitions.add("{\"timestamp\":" + (T0 + 450_000) + ",\"user_id\":\"u\",\"event\":\"flyer_close\",\"flyer_id\":\"1\"}");
        assertEquals(0.13, only("u").contract().hours()); // 450 s is 0.125 h
    }

    private void add(String user, String event, String flyer, long minute) {
        definitions.add("{\"timestamp\":" + (T0 + minute * MINUTE) + ",\"user_id\":\"" + user + "\",\"event\":\"" + event
                + "\",\"flyer_id\":\"" + flyer + "\",\"merchant_id\":\"7\"}");
    }

    private User only(String user) {
        Map<String, User> users = definitions.users();
        assertEquals(Set.of(user), users.keySet());
        return users.get(user);
    }
}
