package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.topology.events.LogLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * App logs on two real instances in one group: search, stats and the apps registry answer alike from
 * either, across a restart of one instance, and the earlier service's API keeps working. The tests share the
 * instances as steps of one test, in order of their event times (history first, lines stamped "now" last).
 */
class AppLogsIntegrationTest {
    private static final String APP_ID = "it-app-logs";
    private static final String PREFIX = "applogs-";
    private static final Instant HOUR = Instant.parse("2024-09-03T10:00:00Z");
    private static final String[] SERVICES = {"payments", "cart", "auth"};
    private static final String[] WORDS = {"card declined", "Timeout calling bank", "user logged in", "cache miss"};
    @TempDir
    static Path stateA;
    @TempDir
    static Path stateB;
    private static StreamlyticsInstance a;
    private static StreamlyticsInstance b;
    /** Every line ingested so far; each has its own millisecond, so newest-first order is exact. */
    private static final List<Line> ingested = new ArrayList<>();

    record Line(Instant time, String app, String service, LogLevel level, String message) {
        String json() {
            return "{\"timestamp\":\"" + time + "\",\"app\":\"" + app + "\",\"service\":\"" + service + "\",\"level\":\""
                    + level.name().toLowerCase() + "\",\"message\":\"" + message + "\",\"trace_id\":\"t" + message.hashCode() + "\"}";
        }
    }

    @BeforeAll
    static void start() {
        a = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), APP_ID, PREFIX, stateA));
        b = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), APP_ID, PREFIX, stateB));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    /** Lines at distinct milliseconds from {@code start} over {@code span}, 85% of them of one busy app. */
    private static List<Line> generate(Random random, int count, Instant start, Duration span) {
        Set<Long> taken = new HashSet<>();
        List<Line> lines = new ArrayList<>();
        while (lines.size() < count) {
            long millis = start.toEpochMilli() + (long) (random.nextDouble() * span.toMillis());
            if (taken.add(millis)) {
                lines.add(new Line(Instant.ofEpochMilli(millis), random.nextInt(100) < 85 ? "checkout" : "billing",
                        SERVICES[random.nextInt(SERVICES.length)], LogLevel.values()[random.nextInt(6)],
                        WORDS[random.nextInt(WORDS.length)] + " " + (ingested.size() + lines.size())));
            }
        }
        return lines;
    }

    private static void ingest(List<Line> lines) {
        StringJoiner ndjson = new StringJoiner("\n");
        lines.forEach(line -> ndjson.add(line.json()));
        Http.Reply reply = Http.post(a, "/ingest/app-logs", "application/x-ndjson", ndjson.toString());
        assertEquals(202, reply.status(), reply.body());
        assertEquals(lines.size(), reply.json().get("accepted").asInt());
        ingested.addAll(lines);
    }

    private static long count(String app) {
        return ingested.stream().filter(line -> line.app().equals(app)).count();
    }

    private static void awaitRegistered() {
        Instances.awaitAlike(a, b, "/apps", reply -> reply.json().get("items").size() >= 2
                && reply.json().at("/items/0/count").asLong() == count("billing")
                && reply.json().at("/items/1/count").asLong() == count("checkout"), "both apps are registered with every line");
    }

    /**
     * In event-time order: history, a restart, then lines stamped now; each step checks every line so far. The bad
     * queries come once the group has settled, since an unknown app's 404 needs every partition to answer.
     */
    @Test
    void historyThenARestartThenLinesOfNowAnswerAlikeFromEitherInstance() {
        searchFindsExactlyTheMatchingLinesNewestFirstAndPagesVisitEachOnceFromEitherInstance();
        statsEqualCountsOfTheLinesThemselves();
        statsSurviveARestartOfOneInstanceAndKeepCounting();
        theEarlierServicesCurlExamplesWorkUnchanged();
        badQueriesAnswerClearErrors();
        appsArePagedByNameAcrossInstancesEachOnceWithAllItsLines();
    }

    private static void searchFindsExactlyTheMatchingLinesNewestFirstAndPagesVisitEachOnceFromEitherInstance() {
        ingest(generate(new Random(3), 3000, HOUR, Duration.ofHours(1)));
        awaitRegistered();
        JsonNode apps = Http.get(b, "/apps").json();
        assertEquals(List.of("billing", "checkout"), List.of(apps.at("/items/0/app").asText(), apps.at("/items/1/app").asText()));
        assertEquals(ingested.stream().filter(l -> l.app().equals("checkout")).map(Line::time).min(Comparator.naturalOrder())
                .orElseThrow().toString(), apps.at("/items/1/first_seen").asText());

        record Case(String query, Predicate<Line> matches) {
        }
        List<Case> cases = List.of(
                new Case("", line -> line.app().equals("checkout")),
                new Case("&level=warn", line -> line.app().equals("checkout") && line.level().atLeast(LogLevel.WARN)),
                new Case("&service=auth&q=TIMEOUT", line -> line.app().equals("checkout") && line.service().equals("auth")
                        && line.message().startsWith("Timeout")),
                new Case("&from=2024-09-03T10:15:00Z&to=2024-09-03T10:20:00Z", line -> line.app().equals("checkout")
                        && !line.time().isBefore(HOUR.plusSeconds(900)) && !line.time().isAfter(HOUR.plusSeconds(1200))));
        for (Case c : cases) {
            List<String> expected = ingested.stream().filter(c.matches()).sorted(Comparator.comparing(Line::time).reversed())
                    .map(Line::message).toList();
            assertEquals(expected, pageThrough("/apps/checkout/logs?limit=173" + c.query()), c.query());
        }

        JsonNode line = Http.get(b, "/apps/checkout/logs?limit=1").json().at("/items/0");
        Line newest = ingested.stream().filter(l -> l.app().equals("checkout")).max(Comparator.comparing(Line::time)).orElseThrow();
        assertEquals(newest.time().toString(), line.get("timestamp").asText());
        assertEquals(newest.level().name(), line.get("level").asText());
        assertEquals("t" + newest.message().hashCode(), line.get("trace_id").asText());

        // the busy app is not on one partition: both instances hold some of its lines
        for (StreamlyticsInstance instance : List.of(a, b)) {
            Http.Reply part = Http.get(instance, "/internal/app-logs/search?app=checkout&limit=10");
            assertEquals(200, part.status(), part.body());
            assertTrue(part.json().at("/value").size() > 0, "instance " + instance.address() + " holds lines of checkout");
        }
    }

    /** Follows {@code next} to the end, asking the two instances in turn; the messages of every page in order. */
    private static List<String> pageThrough(String pathAndQuery) {
        List<String> messages = new ArrayList<>();
        String next = null;
        int page = 0;
        do {
            Http.Reply reply = Http.get(page++ % 2 == 0 ? a : b, pathAndQuery + (next == null ? "" : "&after=" + next));
            assertEquals(200, reply.status(), reply.body());
            reply.json().get("items").forEach(item -> messages.add(item.get("message").asText()));
            next = reply.json().get("next").isNull() ? null : reply.json().get("next").asText();
        } while (next != null);
        return messages;
    }

    private static void statsEqualCountsOfTheLinesThemselves() {
        assertStatsMatchIngested();
    }

    private static void statsSurviveARestartOfOneInstanceAndKeepCounting() {
        Path stateDir = stateB;
        b.close();
        b = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), APP_ID, PREFIX, stateDir));
        assertStatsMatchIngested();

        ingest(generate(new Random(4), 500, HOUR.plus(Duration.ofMinutes(50)), Duration.ofMinutes(40)));
        awaitRegistered();
        assertStatsMatchIngested();
    }

    private static void assertStatsMatchIngested() {
        awaitRegistered();
        for (String window : List.of("1m", "1h")) {
            for (String app : List.of("checkout", "billing")) {
                Map<String, JsonNode> expected = expectedRows(app, window);
                String path = "/apps/" + app + "/stats?window=" + window + "&from=2024-09-03T00:00:00Z&to=2024-09-03T23:59:00Z&limit=1000";
                JsonNode rows = Instances.awaitAlike(a, b, path, reply -> reply.json().get("items").size() == expected.size(),
                        app + " " + window + " stats are complete on both instances").json().get("items");
                Map<String, JsonNode> actual = new TreeMap<>();
                rows.forEach(row -> actual.put(row.get("window_start").asText(), Http.parse(
                        "{\"count\":" + row.get("count") + ",\"by_level\":" + row.get("by_level") + ",\"by_service\":" + row.get("by_service") + "}")));
                assertEquals(expected, actual, app + " " + window);
            }
        }
    }

    private static Map<String, JsonNode> expectedRows(String app, String window) {
        long size = window.equals("1m") ? 60_000 : 3_600_000;
        Map<Long, List<Line>> byWindow = new TreeMap<>();
        ingested.stream().filter(line -> line.app().equals(app))
                .forEach(line -> byWindow.computeIfAbsent(line.time().toEpochMilli() / size * size, start -> new ArrayList<>()).add(line));
        Map<String, JsonNode> rows = new TreeMap<>();
        byWindow.forEach((start, lines) -> {
            StringJoiner levels = new StringJoiner(",", "{", "}");
            for (LogLevel level : LogLevel.values()) {
                levels.add("\"" + level + "\":" + lines.stream().filter(line -> line.level() == level).count());
            }
            Map<String, Long> services = new TreeMap<>();
            lines.forEach(line -> services.merge(line.service(), 1L, Long::sum));
            StringJoiner byService = new StringJoiner(",", "{", "}");
            services.forEach((service, n) -> byService.add("\"" + service + "\":" + n));
            rows.put(Instant.ofEpochMilli(start).toString(),
                    Http.parse("{\"count\":" + lines.size() + ",\"by_level\":" + levels + ",\"by_service\":" + byService + "}"));
        });
        return rows;
    }

    private static void theEarlierServicesCurlExamplesWorkUnchanged() {
        // before the examples' lines, stamped now: they move event time years past checkout's 2024 lines, and the
        // registry then forgets checkout as idle for longer than the retention
        long checkoutLines = 0;
        for (JsonNode byLevel : Http.get(b, "/api/v1/stats/").json().at("/apps/checkout")) {
            checkoutLines += byLevel.asLong();
        }
        assertEquals(count("checkout"), checkoutLines);

        // curl -X POST $HOST/api/v1/ingest/ -H 'Content-Type: application/json' -d '[…]'
        Http.Reply array = Http.post(a, "/api/v1/ingest/", "application/json", """
                [{"app":"legacy","service":"api","level":"error","message":"card declined","trace_id":"abc123","metadata_":{"region":"eu"}},
                 {"app":"legacy","level":"WARNING","message":"slow answer"}]""");
        assertEquals(202, array.status(), array.body());
        assertEquals(Http.parse("{\"enqueued\":2,\"backend\":\"kafka\"}"), array.json());

        // curl -X POST $HOST/api/v1/ingest/ -H 'Content-Type: application/x-ndjson' --data-binary @logs.ndjson
        Http.Reply ndjson = Http.post(a, "/api/v1/ingest/", "application/x-ndjson", """
                {"app":"legacy","level":"info","message":"started"}
                {"app":"legacy","level":"loud","message":"not a level"}
                this line is not JSON
                {"app":"legacy","level":"debug","message":"cache warm","metadata":{"entries":42}}
                """);
        assertEquals(202, ndjson.status(), ndjson.body());
        assertEquals(2, ndjson.json().get("enqueued").asInt());
        assertEquals("kafka", ndjson.json().get("backend").asText());
        assertEquals(List.of(1, 2), List.of(ndjson.json().at("/errors/0/index").asInt(), ndjson.json().at("/errors/1/index").asInt()));
        assertTrue(ndjson.json().at("/errors/0/error").asText().contains("'level'"), ndjson.body());

        // NDJSON sent as plain text, as some scripts did
        Http.Reply plain = Http.post(a, "/api/v1/ingest/", "text/plain", "{\"app\":\"legacy\",\"level\":\"fatal\",\"message\":\"down\"}\n");
        assertEquals(Http.parse("{\"enqueued\":1,\"backend\":\"kafka\"}"), plain.json());

        Http.Reply noneValid = Http.post(a, "/api/v1/ingest/", "application/json", "[{\"app\":\"legacy\"}]");
        assertEquals(400, noneValid.status());
        assertEquals("no_valid_events", noneValid.json().at("/error/code").asText());
        assertTrue(noneValid.json().at("/errors/0/error").asText().contains("'level'"), noneValid.body());

        JsonNode lines = Instances.awaitAlike(a, b, "/api/v1/logs/?app=legacy", reply -> reply.json().get("items").size() == 5,
                "the legacy lines are searchable").json().get("items");
        JsonNode declined = lines.findParents("message").stream().filter(l -> l.get("message").asText().equals("card declined"))
                .findFirst().orElseThrow();
        assertEquals("ERROR", declined.get("level").asText());
        assertEquals("api", declined.get("service").asText());
        assertEquals("abc123", declined.get("trace_id").asText());
        assertEquals("eu", declined.at("/metadata/region").asText());
        assertEquals(2, Http.get(b, "/api/v1/logs/?app=legacy&level=error").json().get("items").size());

        JsonNode stats = Http.get(b, "/api/v1/stats/").json();
        assertEquals(Http.parse("{\"TRACE\":0,\"DEBUG\":1,\"INFO\":1,\"WARN\":1,\"ERROR\":1,\"FATAL\":1}"), stats.at("/apps/legacy"));
    }

    private static void badQueriesAnswerClearErrors() {
        assertError(Http.get(a, "/apps/checkout/logs?level=loud"), 400, "'level'");
        assertError(Http.get(a, "/apps/checkout/logs?after=yesterday"), 400, "'after'");
        assertError(Http.get(a, "/apps/checkout/logs?limit=1001"), 400, "'limit'");
        assertError(Http.get(a, "/apps/checkout/logs?from=2024-09-04&to=2024-09-03"), 400, "'from'");
        assertError(Http.get(a, "/apps/checkout/stats?window=5m"), 400, "'window'");
        assertError(Http.get(a, "/api/v1/logs/"), 400, "'app'");
        assertError(Http.get(b, "/apps/nobody/logs"), 404, "nobody");
        assertError(Http.get(b, "/apps/nobody/stats?from=2024-09-03T10:00:00Z&to=2024-09-03T11:00:00Z"), 404, "nobody");
    }

    private static void assertError(Http.Reply reply, int status, String messagePart) {
        assertEquals(status, reply.status(), reply.body());
        assertTrue(reply.json().at("/error/message").asText().contains(messagePart), reply.body());
    }

    /**
     * {@code /apps} pages are read a page at a time from every instance, not whole: each page holds the next apps by
     * name in the registry's order (UTF-8 bytes: an app beyond U+FFFF sorts after one at U+FF21, unlike String order),
     * every app once, with all its lines counted.
     */
    private static void appsArePagedByNameAcrossInstancesEachOnceWithAllItsLines() {
        String[] names = {"zz-b", "zz-a", "zz-\uFF21", "zz-\uD83D\uDE00", "zz-c", "zz-ab", "zz-\u00E9", "zz-z", "zz-"};
        Random random = new Random(6);
        List<Line> lines = new ArrayList<>();
        // timed now: the earlier service's lines of the test before moved stream time to now, and the registry forgets
        // apps not seen within the retention
        Instant now = Instant.now();
        for (int i = 0; i < 90; i++) {
            lines.add(new Line(now.minusSeconds(i), names[random.nextInt(names.length)], "svc", LogLevel.INFO, "app line " + i));
        }
        ingest(lines);
        Comparator<String> utf8Order = (x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8), y.getBytes(StandardCharsets.UTF_8));
        List<String> expected = lines.stream().map(Line::app).distinct().sorted(utf8Order).toList();
        Instances.await(Duration.ofSeconds(60), () -> {
            JsonNode all = Http.get(a, "/apps?limit=1000").json().get("items");
            long registered = 0;
            for (JsonNode app : all) {
                registered += expected.contains(app.get("app").asText()) && app.get("count").asLong() == count(app.get("app").asText()) ? 1 : 0;
            }
            return registered == expected.size();
        }, "every new app registered with all its lines");

        List<String> paged = new ArrayList<>();
        String next = null;
        int page = 0;
        do {
            String query = "/apps?limit=3" + (next == null ? "" : "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            Http.Reply reply = Http.get(page++ % 2 == 0 ? a : b, query);
            assertEquals(200, reply.status(), reply.body());
            assertTrue(reply.json().get("items").size() <= 3, reply.body());
            for (JsonNode app : reply.json().get("items")) {
                paged.add(app.get("app").asText());
                if (expected.contains(app.get("app").asText())) {
                    assertEquals(count(app.get("app").asText()), app.get("count").asLong(), app.toString());
                }
            }
            next = reply.json().get("next").isNull() ? null : reply.json().get("next").asText();
        } while (next != null);
        assertEquals(paged.stream().sorted(utf8Order).distinct().toList(), paged, "each app once, in the registry's order");
        assertEquals(expected, paged.stream().filter(expected::contains).toList());
    }
}
