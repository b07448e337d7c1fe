package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyer time and merchant reports on two real instances of one group: ingest over HTTP, then every
 * user's figures from either instance, pages of /flyer-time walked across both, and the errors.
 */
class FlyerIntegrationTest {
    private static final Instant T = Instant.parse("2024-09-03T08:00:00Z");
    private static final int TIMED_USERS = 120;
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;
    /** Every user ingested, in the order /flyer-time lists them: by the unsigned bytes of their UTF-8. */
    private static final TreeSet<String> USERS = new TreeSet<>((x, y) ->
            Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8)));
    /** What /flyer-time lists once every event is processed. */
    private static final Map<String, Double> AVERAGE_HOURS = new HashMap<>();

    @BeforeAll
    static void startAndIngest() {
        String bootstrap = SharedBroker.bootstrapServers();
        a = Instances.startRunning(Instances.config(bootstrap, "it-flyer", "flyer-", stateA));
        b = Instances.startRunning(Instances.config(bootstrap, "it-flyer", "flyer-", stateB));
        StringJoiner ndjson = new StringJoiner("\n");
        for (int i = 0; i < TIMED_USERS; i++) {
            // user i is on flyer f-(i%3) of merchant m-(i%3) once or twice; all events within the grace
            String user = "user-" + i;
            for (int visit = 0; visit < sessions(i); visit++) {
                Instant open = T.plus(Duration.ofMinutes(i % 7 + 30L * visit));
                ndjson.add(event(user, open, "flyer_open", i % 3));
                ndjson.add(event(user, open.plus(Duration.ofMinutes(minutes(i, visit))), "flyer_close", i % 3));
            }
            AVERAGE_HOURS.put(user, Math.round(totalMinutes(i) / 60.0 / sessions(i) * 100) / 100.0);
        }
        for (String user : List.of("Zoë", "zoë", "é-user", "\uD834\uDD1E-clef", "\uE000-private")) {
            ndjson.add(event(user, T, "search", -1)); // users with no timed session: zeros
        }
        ndjson.add(event("abandoner", T, "flyer_open", 1));
        ingest(ndjson.toString());
        await(a, "/flyer-time?limit=1000", page -> averages(page).equals(AVERAGE_HOURS));
        // a day later: the lone open above is settled as abandoned
        ingest(event("clock", T.plus(Duration.ofDays(1)), "app_open", -1));
    }

    private static int sessions(int user) {
        return 1 + user % 2;
    }

    private static long minutes(int user, int visit) {
        return visit == 0 ? user % 20 + 1 : user % 10 + 2;
    }

    private static long totalMinutes(int user) {
        return minutes(user, 0) + (sessions(user) == 2 ? minutes(user, 1) : 0);
    }

    private static Map<String, Double> averages(JsonNode page) {
        Map<String, Double> averages = new HashMap<>();
        page.forEach(entry -> averages.put(entry.get("user_id").asText(), entry.get("avg_time_on_flyer_per_user_hours").asDouble()));
        return averages;
    }

    private static void ingest(String ndjson) {
        Http.Reply ingest = Http.post(a, "/ingest/user-events", "application/x-ndjson", ndjson);
        assertEquals(202, ingest.status(), ingest.body());
        assertEquals(0, ingest.json().get("rejected").size(), ingest.body());
    }

    private static String event(String user, Instant time, String event, int flyer) {
        USERS.add(user);
        AVERAGE_HOURS.putIfAbsent(user, 0.0);
        String flyerFields = flyer < 0 ? "" : ",\"flyer_id\":\"f-" + flyer + "\",\"merchant_id\":\"m-" + flyer + "\"";
        return "{\"timestamp\":\"" + time + "\",\"user_id\":\"" + user + "\",\"event\":\"" + event + "\"" + flyerFields + "}";
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @Test
    void walkingFlyerTimePagesAcrossBothInstancesVisitsEveryUserOnceInOrder() {
        await(b, "/flyer-time?limit=1000", reply -> reply.size() == USERS.size());

        List<String> visited = new ArrayList<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            StreamlyticsInstance asked = page % 2 == 0 ? a : b;
            Http.Reply reply = Http.get(asked, "/flyer-time?limit=7" + (after == null ? "" : "&after=" + encode(after)));
            assertEquals(200, reply.status(), reply.body());
            if (reply.json().isEmpty()) {
                break;
            }
            assertTrue(reply.json().size() <= 7, reply.body());
            for (JsonNode entry : reply.json()) {
                visited.add(entry.get("user_id").asText());
                assertEquals(Set.of("user_id", "avg_time_on_flyer_per_user_hours"), fieldNames(entry));
            }
            after = visited.get(visited.size() - 1);
        }
        assertEquals(List.copyOf(USERS), visited, "every user once, in user_id order");
    }

    @Test
    void everyUsersFigures() {
        for (int i = 0; i < TIMED_USERS; i += 17) {
            JsonNode user = awaitUser(i % 2 == 0 ? a : b, "user-" + i, reply -> true);
            assertEquals(sessions(i), user.get("sessions").asInt(), "user-" + i);
            assertEquals(totalMinutes(i) * 60.0, user.get("total_seconds").asDouble(), "user-" + i);
            assertEquals(AVERAGE_HOURS.get("user-" + i), user.get("avg_time_on_flyer_per_user_hours").asDouble(), "user-" + i);
        }
        JsonNode zeros = awaitUser(b, "Zoë", reply -> true);
        assertEquals(0, zeros.get("sessions").asInt());
        assertEquals(0.0, zeros.get("total_seconds").asDouble());
        assertEquals(0.0, zeros.get("avg_time_on_flyer_per_user_hours").asDouble());
        JsonNode abandoner = awaitUser(a, "abandoner", reply -> reply.get("abandoned").asInt() == 1);
        assertEquals(0, abandoner.get("sessions").asInt());
    }

    @Test
    void merchantReportOfTheDay() {
        long opens = 0;
        long sessionMinutes = 0;
        Set<String> users = new HashSet<>();
        for (int i = 0; i < TIMED_USERS; i++) {
            if (i % 3 == 1) {
                opens += sessions(i);
                sessionMinutes += totalMinutes(i);
                users.add("user-" + i);
            }
        }
        long expectedOpens = opens + 1; // and the abandoner's
        long sessions = opens;
        int uniqueUsers = users.size() + 1;
        // counts and unique users are two stores, read one after the other: a reply may straddle a commit
        JsonNode items = await(b, "/merchants/m-1/report?from=2024-09-02&to=2024-09-04", reply -> reply.get("items").size() == 1
                && reply.get("items").get(0).get("flyer_opens").asLong() == expectedOpens
                && reply.get("items").get(0).get("sessions").asLong() == sessions
                && reply.get("items").get(0).get("unique_users").asInt() == uniqueUsers).get("items");
        JsonNode day = items.get(0);
        assertEquals("2024-09-03", day.get("date").asText());
        assertEquals(Math.round(sessionMinutes / 60.0 * 10_000) / 10_000.0, day.get("total_hours").asDouble(), 1e-9);
        assertEquals("f-1", day.get("top_flyers").get(0).get("flyer_id").asText());
        assertEquals(Http.get(a, "/merchants/m-1/report?from=2024-09-03").json(), Http.get(b, "/merchants/m-1/report?from=2024-09-03").json());
    }

    @Test
    void unknownKeysAre404AndBadParameters400NamingThem() {
        for (StreamlyticsInstance instance : List.of(a, b)) {
            Http.Reply unknown = Http.get(instance, "/users/nobody-here/flyer-time");
            assertEquals(404, unknown.status(), unknown.body());
            assertEquals("unknown_user", unknown.json().at("/error/code").asText());
        }
        assertEquals("unknown_merchant", Http.get(a, "/merchants/no-such-merchant/report?from=2024-09-03").json().at("/error/code").asText());
        assertBadParameter("/flyer-time?limit=0", "'limit'");
        assertBadParameter("/flyer-time?limit=1001", "'limit'");
        assertBadParameter("/flyer-time?limit=ten", "'limit'");
        assertBadParameter("/merchants/m-1/report", "'from'");
        assertBadParameter("/merchants/m-1/report?from=03-09-2024", "'from'");
        assertBadParameter("/merchants/m-1/report?from=2024-09-03&to=2024-09-01", "'to'");
        assertBadParameter("/merchants/m-1/report?from=2024-09-03&after=yesterday", "'after'");
    }

    private static JsonNode awaitUser(StreamlyticsInstance instance, String user, Predicate<JsonNode> done) {
        JsonNode figures = await(instance, "/users/" + encode(user) + "/flyer-time", done);
        assertEquals(user, figures.get("user_id").asText());
        return figures;
    }

    /** Polls until the route answers 200 with a body {@code done} accepts; on timeout, fails showing the last reply. */
    private static JsonNode await(StreamlyticsInstance instance, String pathAndQuery, Predicate<JsonNode> done) {
        Http.Reply[] last = new Http.Reply[1];
        try {
            Instances.await(Duration.ofSeconds(60), () -> {
                last[0] = Http.get(instance, pathAndQuery);
                return last[0].status() == 200 && done.test(last[0].json());
            }, pathAndQuery + " answers completely");
        } catch (AssertionError timedOut) {
            throw new AssertionError(timedOut.getMessage() + "; last reply " + last[0].status() + " " + last[0].body(), timedOut);
        }
        return last[0].json();
    }

    private static void assertBadParameter(String pathAndQuery, String parameter) {
        Http.Reply reply = Http.get(a, pathAndQuery);
        assertEquals(400, reply.status(), pathAndQuery + " -> " + reply.body());
        assertTrue(reply.json().at("/error/message").asText().contains(parameter), reply.body());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
