package io.streamlytics.app.it;

import io.streamlytics.app.AppConfig;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flyer users forgotten after the retention on two real instances of one group (three partitions): event time moves
 * on several partitions at once, and a user is judged on the low watermark over all of them. A user whose later event
 * fell within the activity bound the first one stored (so their value was not rewritten) is kept for the whole
 * retention after that later event, and forgotten once idle well past it.
 */
class FlyerRetentionIntegrationTest {
    private static final Instant T = Instant.parse("2024-09-03T08:00:00Z");
    /** A quarter of it, a day, is the cleanup period and the step of a user's activity bound. */
    private static final Duration RETENTION = Duration.ofDays(4);
    private static final List<String> CLOCKS = List.of("clock-0", "clock-1", "clock-2", "clock-3", "clock-4", "clock-5");
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;

    @BeforeAll
    static void start() {
        String bootstrap = SharedBroker.bootstrapServers();
        a = Instances.startRunning(withRetention(Instances.config(bootstrap, "it-flyer-retention", "flyer-retention-", stateA)));
        b = Instances.startRunning(withRetention(Instances.config(bootstrap, "it-flyer-retention", "flyer-retention-", stateB)));
    }

    private static AppConfig withRetention(AppConfig config) {
        return config.toBuilder().topology(config.topology().toBuilder().retention(RETENTION).build()).build();
    }

    @Test
    void usersAreKeptForTheRetentionAfterTheirLastEventAndForgottenOnceIdlePastIt() {
        StringJoiner first = new StringJoiner("\n");
        first.add(event("stale", T.minus(Duration.ofDays(1)), "flyer_open"));
        first.add(event("stale", T.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(5)), "flyer_close"));
        first.add(event("steady", T, "flyer_open"));
        first.add(event("steady", T.plus(Duration.ofMinutes(10)), "flyer_close"));
        // six hours later: within the bound its first event set, so the stored value is not rewritten
        first.add(event("steady", T.plus(Duration.ofHours(6)), "search"));
        ingest(first.toString());
        for (StreamlyticsInstance instance : List.of(a, b)) {
            awaitStatus(instance, "steady", 200);
            awaitStatus(instance, "stale", 200);
        }

        // every partition's event time moves to exactly one retention after steady's last event
        ingest(clocks(T.plus(Duration.ofHours(6)).plus(RETENTION)));
        for (StreamlyticsInstance instance : List.of(a, b)) {
            awaitStatus(instance, "stale", 404); // idle for longer than the retention: the cleanup ran
            assertEquals(200, Http.get(instance, "/users/steady/flyer-time").status(), "idle for exactly the retention: kept");
            assertEquals(1, Http.get(instance, "/users/steady/flyer-time").json().get("sessions").asInt());
        }

        // three days later, past the retention and two periods of the bound
        ingest(clocks(T.plus(Duration.ofHours(6)).plus(RETENTION).plus(Duration.ofDays(3))));
        for (StreamlyticsInstance instance : List.of(a, b)) {
            awaitStatus(instance, "steady", 404);
        }
    }

    private static String clocks(Instant time) {
        StringJoiner events = new StringJoiner("\n");
        CLOCKS.forEach(clock -> events.add(event(clock, time, "app_open")));
        return events.toString();
    }

    private static void awaitStatus(StreamlyticsInstance instance, String user, int status) {
        int[] last = new int[1];
        Instances.await(Duration.ofSeconds(60), () -> {
            last[0] = Http.get(instance, "/users/" + user + "/flyer-time").status();
            return last[0] == status;
        }, user + " answers " + status + " on " + instance.address());
    }

    private static void ingest(String ndjson) {
        Http.Reply ingest = Http.post(a, "/ingest/user-events", "application/x-ndjson", ndjson);
        assertEquals(202, ingest.status(), ingest.body());
        assertEquals(0, ingest.json().get("rejected").size(), ingest.body());
    }

    private static String event(String user, Instant time, String event) {
        String flyer = event.startsWith("flyer_") ? ",\"flyer_id\":\"f-1\",\"merchant_id\":\"m-1\"" : "";
        return "{\"timestamp\":\"" + time + "\",\"user_id\":\"" + user + "\",\"event\":\"" + event + "\"" + flyer + "}";
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }
}
