package io.streamlytics.app.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.streamlytics.app.StreamlyticsInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The area pages in a real browser (headless Chromium, as the dashboard): one instance is fed known api-requests,
 * user-events, spark-events and app-logs over HTTP ingest; once the API answers them, each page is opened with its URL
 * parameters and what it shows is held to values this test computes from the events it fed. Writes
 * {@code target/page-*.png}. Skipped where Chromium is not installed.
 */
class AreaPagesBrowserIntegrationTest {
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=1\">";
    private static final String CUSTOMER = "cust_pages";
    private static final LocalDate FIRST_DAY = LocalDate.parse("2024-09-03");
    private static final int DAYS = 3;
    private static final int[] STATUSES = {200, 201, 404, 500, 200, 429, 503, 302, 200};
    private static final String MERCHANT = "m-pages";
    private static final String JOB_DAY = "2025-05-22";
    private static final String APP = "shop-pages";
    private static final String[] LEVELS = {"INFO", "DEBUG", "WARN", "ERROR", "INFO", "FATAL", "TRACE"};
    private static final List<String> SEVERITY = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final int LOG_LINES = 14;
    /** The rows of the table under {@code arguments[0]} (a CSS selector), as the text of their cells. */
    private static final String TABLE_ROWS = "return [...document.querySelectorAll(arguments[0] + ' tr')].slice(1)"
            + ".map(tr => [...tr.cells].map(td => td.textContent))";
    @TempDir
    static Path state;
    @TempDir
    static Path browserProfile;
    private static StreamlyticsInstance instance;
    private static ChromeDriver browser;
    /** What was fed, in the terms the pages show it. */
    private static final List<Request> REQUESTS = new ArrayList<>();
    private static final List<FlyerSession> SESSIONS = new ArrayList<>();
    private static final List<Task> TASKS = new ArrayList<>();
    private static final List<LogLine> LOGS = new ArrayList<>();

    record Request(LocalDate day, int status, double durationMs) {
    }

    record FlyerSession(LocalDate day, String user, String flyer, Instant open, int minutes) {
    }

    record Task(String job, long durationMs, boolean successful) {
    }

    record LogLine(Instant time, String service, String level, String message) {
        int severity() {
            return SEVERITY.indexOf(level);
        }
    }

    @BeforeAll
    static void startAndFeed() {
        HeadlessChromium.assumeInstalled();
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-area-pages", "pages-", state));
        feedRequests();
        feedFlyerSessions();
        feedJobs();
        feedLogs();
        browser = HeadlessChromium.start(browserProfile);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (instance != null) {
            instance.close();
        }
    }

    // --- what is fed, and the API's answer awaited

    private static void feedRequests() {
        StringJoiner ndjson = new StringJoiner("\n");
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            Instant morning = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(10));
            for (int i = 0; i < 10 + 5 * d; i++) {
                Request request = new Request(day, STATUSES[(i + d) % STATUSES.length], 10 + 3 * i + d);
                REQUESTS.add(request);
                ndjson.add("{\"timestamp\":\"" + morning.plus(Duration.ofMinutes(i)) + "\",\"customer_id\":\"" + CUSTOMER
                        + "\",\"request_path\":\"/orders\",\"status_code\":" + request.status() + ",\"duration_ms\":" + request.durationMs()
                        + ",\"request_id\":\"pages-" + d + "-" + i + "\"}");
            }
        }
        ingest("api-requests", ndjson.toString());
        awaitApi("/customers/" + CUSTOMER + "/stats?from=" + FIRST_DAY + "&to=" + FIRST_DAY.plusDays(DAYS - 1),
                days -> days.size() == DAYS && IntStream.range(0, DAYS).allMatch(d ->
                        days.get(d).get("success_requests").asLong() == count(FIRST_DAY.plusDays(d), s -> s < 400)
                                && days.get(d).get("client_errors").asLong() == count(FIRST_DAY.plusDays(d), s -> s >= 400 && s < 500)
                                && days.get(d).get("failed_requests").asLong() == count(FIRST_DAY.plusDays(d), s -> s >= 500)));
    }

    private static void feedFlyerSessions() {
        Instant noon = Instant.parse("2024-09-03T12:00:00Z");
        for (int user = 0; user < 4; user++) {
            SESSIONS.add(new FlyerSession(FIRST_DAY, "user-" + user, "f-big", noon.plus(Duration.ofMinutes(user)), 20 + user));
        }
        SESSIONS.add(new FlyerSession(FIRST_DAY, "user-4", "f-small", noon, 5));
        SESSIONS.add(new FlyerSession(FIRST_DAY, "user-5", "f-small", noon.plus(Duration.ofMinutes(30)), 7));
        SESSIONS.add(new FlyerSession(FIRST_DAY, "user-6", HOSTILE, noon, 1));
        SESSIONS.add(new FlyerSession(FIRST_DAY.plusDays(1), "user-0", "f-small", noon.plus(Duration.ofDays(1)), 10));
        List<String> events = new ArrayList<>();
        SESSIONS.stream().sorted(Comparator.comparing(FlyerSession::open)).forEach(session -> {
            events.add(userEvent(session, "flyer_open", session.open()));
            events.add(userEvent(session, "flyer_close", session.open().plus(Duration.ofMinutes(session.minutes()))));
        });
        ingest("user-events", String.join("\n", events));
        String report = "/merchants/" + MERCHANT + "/report?from=" + FIRST_DAY + "&to=" + FIRST_DAY.plusDays(DAYS - 1);
        awaitApi(report, reply -> reply.get("items").size() == 2
                && reply.at("/items/0/flyer_opens").asLong() == sessionsOn(FIRST_DAY).size()
                && reply.at("/items/1/flyer_opens").asLong() == sessionsOn(FIRST_DAY.plusDays(1)).size());
        // an event a day later settles every pairing of the days before
        ingest("user-events", "{\"timestamp\":\"2024-09-06T12:00:00Z\",\"user_id\":\"clock\",\"event\":\"app_open\"}");
        awaitApi(report, reply -> reply.at("/items/0/sessions").asLong() == sessionsOn(FIRST_DAY).size()
                && reply.at("/items/1/sessions").asLong() == sessionsOn(FIRST_DAY.plusDays(1)).size());
    }

    private static String userEvent(FlyerSession session, String event, Instant time) {
        return "{\"timestamp\":\"" + time + "\",\"user_id\":\"" + session.user() + "\",\"event\":\"" + event + "\",\"flyer_id\":"
                + json(session.flyer()) + ",\"merchant_id\":\"" + MERCHANT + "\"}";
    }

    /** Job 2001 of alice succeeds with one failed task of four; job 2002 of a user named with markup fails. */
    private static void feedJobs() {
        long[] durations = {1200, 800, 3000, 450};
        for (int i = 0; i < durations.length; i++) {
            TASKS.add(new Task("2001", durations[i], i != 2));
        }
        TASKS.add(new Task("2002", 5000, true));
        TASKS.add(new Task("2002", 7000, true));
        StringJoiner ndjson = new StringJoiner("\n");
        ndjson.add(jobEvent("2001", "SparkListenerJobStart", "09:00:00", ",\"user\":\"alice\""));
        ndjson.add(jobEvent("2002", "SparkListenerJobStart", "11:00:00", ",\"user\":" + json(HOSTILE)));
        for (int i = 0; i < TASKS.size(); i++) {
            Task task = TASKS.get(i);
            ndjson.add(jobEvent(task.job(), "SparkListenerTaskEnd", (task.job().equals("2001") ? "09:1" : "11:0") + i + ":00",
                    ",\"task_id\":\"task_" + i + "\",\"duration_ms\":" + task.durationMs() + ",\"successful\":" + task.successful()));
        }
        ndjson.add(jobEvent("2001", "SparkListenerJobEnd", "09:20:00", ",\"job_result\":\"JobSucceeded\""));
        ndjson.add(jobEvent("2002", "SparkListenerJobEnd", "11:10:00", ",\"job_result\":\"JobFailed\""));
        ingest("spark-events", ndjson.toString());
        awaitApi("/analytics/summary?date=" + JOB_DAY, day -> day.at("/summary/total_jobs").asInt() == 2
                && day.at("/summary/total_tasks").asInt() == TASKS.size()
                && day.get("jobs").findValuesAsText("status").stream().noneMatch("running"::equals));
    }

    private static String jobEvent(String job, String event, String time, String fields) {
        return "{\"job_id\":" + job + ",\"event\":\"" + event + "\",\"timestamp\":\"" + JOB_DAY + "T" + time + "Z\"" + fields + "}";
    }

    /** Lines of one app from two services, a second apart, ending now; and one line of another app made of markup. */
    private static void feedLogs() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringJoiner ndjson = new StringJoiner("\n");
        for (int i = 0; i < LOG_LINES; i++) {
            LogLine line = new LogLine(now.minusSeconds(LOG_LINES - i), i % 2 == 0 ? "cart" : "pay", LEVELS[i % LEVELS.length], "line " + i);
            LOGS.add(line);
            ndjson.add("{\"timestamp\":\"" + line.time() + "\",\"app\":\"" + APP + "\",\"service\":\"" + line.service()
                    + "\",\"level\":\"" + line.level() + "\",\"message\":\"" + line.message() + "\"}");
        }
        ndjson.add("{\"timestamp\":\"" + now + "\",\"app\":\"notes\",\"service\":" + json(HOSTILE) + ",\"level\":\"INFO\",\"message\":"
                + json(HOSTILE) + ",\"trace_id\":" + json(HOSTILE) + "}");
        ingest("app-logs", ndjson.toString());
        awaitApi("/apps/" + APP + "/logs?limit=1000", page -> page.get("items").size() == LOG_LINES);
        awaitApi("/apps/notes/logs", page -> page.get("items").size() == 1);
    }

    /** {@code text} as a JSON string, quotes and all. */
    private static String json(String text) {
        return TextNode.valueOf(text).toString();
    }

    private static void ingest(String topic, String ndjson) {
        Http.Reply reply = Http.post(instance, "/ingest/" + topic, "application/x-ndjson", ndjson);
        assertEquals(202, reply.status(), reply.body());
        assertEquals(0, reply.json().get("rejected").size(), reply.body());
    }

    private static void awaitApi(String pathAndQuery, Predicate<JsonNode> done) {
        Instances.await(Duration.ofSeconds(90), () -> {
            Http.Reply reply = Http.get(instance, pathAndQuery);
            return reply.status() == 200 && done.test(reply.json());
        }, pathAndQuery + " answers what was fed");
    }

    // --- the pages

    @Test
    void theCustomerPageShowsEachDayAndChartsItsRequests() throws IOException {
        open("/ui/customer?customer_id=" + CUSTOMER + "&from=" + FIRST_DAY + "&to=" + FIRST_DAY.plusDays(DAYS - 1));
        List<List<String>> rows = awaitRows("#days", DAYS);
        for (int d = 0; d < DAYS; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            List<String> row = rows.get(d);
            assertEquals(List.of(day.toString(), String.valueOf(count(day, s -> s < 400)), String.valueOf(count(day, s -> s >= 500)),
                    String.valueOf(count(day, s -> s >= 400 && s < 500))), row.subList(0, 4), "date, success, failed, client errors");
            List<Double> durations = REQUESTS.stream().filter(r -> r.day().equals(day)).map(Request::durationMs).sorted().toList();
            double p99 = durations.get((int) Math.ceil(0.99 * durations.size()) - 1);
            assertEquals(p99, Double.parseDouble(row.get(6)), p99 * 0.01 + 0.05, "p99 of " + day + " within 1%");
        }
        @SuppressWarnings("unchecked")
        List<List<Number>> chart = (List<List<Number>>) browser.executeScript(
                "return Chart.getChart('chart-days').data.datasets.slice(0, 3).map(d => d.data)");
        List<Predicate<Integer>> kinds = List.of(s -> s < 400, s -> s >= 500, s -> s >= 400 && s < 500);
        for (int kind = 0; kind < kinds.size(); kind++) {
            Predicate<Integer> of = kinds.get(kind);
            assertEquals(IntStream.range(0, DAYS).mapToObj(d -> count(FIRST_DAY.plusDays(d), of)).toList(),
                    chart.get(kind).stream().map(Number::longValue).toList(), "chart bars of " + List.of("success", "failed", "client errors").get(kind));
        }
        screenshot("page-customer.png");
    }

    @Test
    void theMerchantPageShowsItsDaysAndTopFlyersByTime() throws IOException {
        open("/ui/merchant?merchant_id=" + MERCHANT + "&from=" + FIRST_DAY + "&to=" + FIRST_DAY.plusDays(DAYS - 1));
        List<List<String>> days = awaitRows("#days", 2);
        for (int d = 0; d < 2; d++) {
            LocalDate day = FIRST_DAY.plusDays(d);
            assertEquals(List.of(day.toString(), String.valueOf(sessionsOn(day).size())), days.get(d).subList(0, 2), "date, flyer opens");
            assertEquals(String.valueOf(sessionsOn(day).size()), days.get(d).get(3), "sessions of " + day);
        }
        Map<String, Integer> minutesByFlyer = sessionsOn(FIRST_DAY).stream()
                .collect(Collectors.groupingBy(FlyerSession::flyer, LinkedHashMap::new, Collectors.summingInt(FlyerSession::minutes)));
        List<String> expectedOrder = minutesByFlyer.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        List<String> shownOrder = rows("#flyers").stream().filter(row -> row.get(0).equals(FIRST_DAY.toString())).map(row -> row.get(2)).toList();
        assertEquals(expectedOrder, shownOrder, "the first day's flyers, most time first");
        screenshot("page-merchant.png");
    }

    @Test
    void theJobsPageShowsTheDayAndAClickedJobsDetail() throws IOException {
        open("/ui/jobs?date=" + JOB_DAY);
        List<List<String>> jobs = awaitRows("#jobs", 2);
        assertEquals(List.of("2001", "2002"), jobs.stream().map(row -> row.get(0)).toList(), "jobs by start time");
        assertEquals("2", figure("jobs"), "the day's job count");
        assertEquals(String.valueOf(TASKS.size()), figure("tasks"));
        assertEquals(String.valueOf(TASKS.stream().filter(task -> !task.successful()).count()), figure("failed tasks"));

        browser.findElement(By.cssSelector("#jobs a[data-job='/2001']")).click();
        HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> detail("tasks"), "4"::equals, "the clicked job's detail");
        assertTrue(browser.getCurrentUrl().contains("job_id=2001"), "the URL links the job: " + browser.getCurrentUrl());
        List<Long> durations = TASKS.stream().filter(task -> task.job().equals("2001")).map(Task::durationMs).sorted().toList();
        assertEquals("1", detail("failed tasks"));
        assertEquals("success", detail("status"));
        assertWithinOnePercent(nearestRank(durations, 0.50), detail("task duration p50 (ms)"), "p50");
        assertWithinOnePercent(nearestRank(durations, 0.95), detail("task duration p95 (ms)"), "p95");
        assertEquals(String.valueOf(durations.get(durations.size() - 1)), detail("task duration max (ms)"), "max");
        screenshot("page-jobs.png");

        open("/ui/jobs?date=" + JOB_DAY + "&job_id=2002");
        HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> detail("tasks"), "2"::equals, "a linked job's detail");
        assertEquals("failed", detail("status"));
    }

    @Test
    void theLogPageFiltersByLevelServiceAndTextAndPagesWithTheCursor() throws IOException {
        List<String> warnOrWorse = newestFirst(line -> line.severity() >= SEVERITY.indexOf("WARN"));
        open("/ui/logs?app=" + APP + "&level=WARN&limit=1000");
        assertEquals(warnOrWorse, awaitMessages(warnOrWorse.size()), "WARN or higher, newest first");

        open("/ui/logs?app=" + APP + "&limit=3");
        List<String> all = newestFirst(line -> true);
        assertEquals(all.subList(0, 3), awaitMessages(3), "the first page");
        browser.findElement(By.id("next-page")).click();
        HeadlessChromium.awaitValue(Duration.ofSeconds(30), AreaPagesBrowserIntegrationTest::messages, all.subList(3, 6)::equals,
                "the next page shows the next lines: " + all.subList(3, 6));
        screenshot("page-logs.png");

        List<String> payWarnings = newestFirst(line -> line.service().equals("pay") && line.severity() >= SEVERITY.indexOf("WARN"));
        assertTrue(payWarnings.size() < warnOrWorse.size(), "the service filter narrows the test's own data");
        open("/ui/logs?app=" + APP + "&level=WARN&service=pay&limit=1000");
        assertEquals(payWarnings, awaitMessages(payWarnings.size()), "WARN or higher of the service pay");

        List<String> lineOne = newestFirst(line -> line.message().contains("line 1"));
        open("/ui/logs?app=" + APP + "&q=" + URLEncoder.encode("LINE 1", StandardCharsets.UTF_8) + "&limit=1000");
        assertEquals(lineOne, awaitMessages(lineOne.size()), "the text filter, ignoring case");
    }

    @Test
    void withoutParametersAPageAsksForThemOverTheLastSevenDays() {
        open("/ui/customer");
        assertEquals("enter a customer id", awaitNote(note -> !note.isEmpty()));
        LocalDate from = LocalDate.parse(browser.findElement(By.name("from")).getDomProperty("value"));
        LocalDate to = LocalDate.parse(browser.findElement(By.name("to")).getDomProperty("value"));
        assertEquals(6, ChronoUnit.DAYS.between(from, to), "from " + from + " to " + to);
    }

    /** The first answer of the stats route is stubbed as a 503: the page says so, then retries on its own. */
    @Test
    void aPageRetriesA503AfterItsRetryAfter() {
        String stub = "const realFetch = window.fetch; let unavailable = true;"
                + "window.fetch = (url, init) => {"
                + "  if (unavailable && String(url).startsWith('/customers/')) { unavailable = false;"
                + "    return Promise.resolve(new Response(JSON.stringify({error: {code: 'unavailable', message: 'restoring'}}),"
                + "      {status: 503, headers: {'Content-Type': 'application/json', 'Retry-After': '3'}})); }"
                + "  return realFetch(url, init); };";
        Map<String, Object> added = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", stub));
        try {
            open("/ui/customer?customer_id=" + CUSTOMER + "&from=" + FIRST_DAY + "&to=" + FIRST_DAY);
            assertTrue(awaitNote(note -> !note.isEmpty()).contains("retrying"), "the 503 is shown");
            awaitRows("#days", 1);
            assertEquals("", browser.findElement(By.id("note")).getText(), "the note is gone once answered");
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    @Test
    void apiErrorsAreShownAsText() {
        open("/ui/customer?customer_id=nobody-here&from=" + FIRST_DAY + "&to=" + FIRST_DAY);
        String unknown = awaitNote(note -> note.contains("nobody-here"));
        assertTrue(unknown.startsWith("no requests of customer"), unknown);
        open("/ui/merchant?merchant_id=" + MERCHANT + "&from=" + FIRST_DAY + "&to=" + FIRST_DAY.minusDays(1));
        assertTrue(awaitNote(note -> !note.isEmpty()).contains("'to'"), "a 400 names the parameter");
        open("/ui/logs?app=no-such-app");
        assertTrue(awaitNote(note -> !note.isEmpty()).contains("no-such-app"), "an unknown app says so");
    }

    /** Log lines are user input and any instance may answer: markup in a field is shown as text on every page. */
    @Test
    void markupInFieldsIsShownAsTextNeverAsMarkup() {
        open("/ui/logs?app=notes");
        assertEquals(List.of(HOSTILE), awaitMessages(1), "the message as text");
        assertTrue(rows("#lines").get(0).get(4).contains("\"trace_id\":\"<img src=x onerror="), "the other fields as text");
        assertNoMarkupRan();
        open("/ui/jobs?date=" + JOB_DAY + "&job_id=2002");
        HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> detail("user"), HOSTILE::equals, "the job's user as text");
        assertNoMarkupRan();
        open("/ui/merchant?merchant_id=" + MERCHANT + "&from=" + FIRST_DAY + "&to=" + FIRST_DAY);
        HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> rows("#flyers").stream().map(row -> row.get(2)).toList(),
                flyers -> flyers.contains(HOSTILE), "the flyer id as text");
        assertNoMarkupRan();
    }

    @Test
    void theOverviewLinksToEveryPageAndAnAppsBarToItsErrorLines() {
        open("/");
        for (String page : List.of("/ui/customer", "/ui/merchant", "/ui/jobs", "/ui/logs")) {
            assertEquals(1, browser.findElements(By.cssSelector("header nav a[href='" + page + "']")).size(), page);
        }
        // the only app with ERROR or FATAL lines is the first bar; a click lands where Chart.js drew it
        @SuppressWarnings("unchecked")
        Map<String, Number> bar = HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> (Map<String, Number>) browser.executeScript(
                "const chart = Chart.getChart('chart-apps'); const bar = chart.getDatasetMeta(0).data[0];"
                        + " return bar && {x: bar.x, y: bar.y, base: bar.base, width: chart.canvas.clientWidth, height: chart.canvas.clientHeight}"),
                shown -> shown != null, "the apps chart draws a bar");
        WebElement canvas = browser.findElement(By.id("chart-apps"));
        int x = (int) ((bar.get("base").doubleValue() + bar.get("x").doubleValue()) / 2 - bar.get("width").doubleValue() / 2);
        int y = (int) (bar.get("y").doubleValue() - bar.get("height").doubleValue() / 2);
        new Actions(browser).moveToElement(canvas, x, y).click().perform();
        List<String> errors = newestFirst(line -> line.severity() >= SEVERITY.indexOf("ERROR"));
        assertEquals(errors, awaitMessages(errors.size()), "the app's ERROR or FATAL lines");
        assertTrue(browser.getCurrentUrl().contains("/ui/logs?app=" + APP + "&level=ERROR"), browser.getCurrentUrl());
    }

    // --- helpers

    private static void open(String pathAndQuery) {
        browser.get("http://127.0.0.1:" + instance.address().port() + pathAndQuery);
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(String selector) {
        return (List<List<String>>) browser.executeScript(TABLE_ROWS, selector);
    }

    private static List<List<String>> awaitRows(String selector, int count) {
        return HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> rows(selector), shown -> shown.size() == count,
                count + " rows in " + selector);
    }

    private static List<String> messages() {
        return rows("#lines").stream().map(row -> row.get(3)).toList();
    }

    private static List<String> awaitMessages(int count) {
        return HeadlessChromium.awaitValue(Duration.ofSeconds(30), AreaPagesBrowserIntegrationTest::messages,
                shown -> shown.size() == count, count + " log lines shown");
    }

    private static String awaitNote(Predicate<String> done) {
        return HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> browser.findElement(By.id("note")).getText(), done, "the note");
    }

    private static String figure(String label) {
        return (String) browser.executeScript("return [...document.querySelectorAll('#summary .figure')]"
                + ".find(f => f.lastChild.textContent === arguments[0]).firstChild.textContent", label);
    }

    private static String detail(String field) {
        return (String) browser.executeScript("const dd = document.querySelector(`#job dd[data-field=\"${arguments[0]}\"]`);"
                + " return dd && dd.textContent", field);
    }

    private static void assertNoMarkupRan() {
        assertEquals(0, browser.findElements(By.cssSelector("main img")).size(), "no element made from a field");
        assertEquals(null, browser.executeScript("return window.__xss"), "no script ran");
    }

    private static void screenshot(String name) throws IOException {
        Path file = Path.of("target", name);
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(file) > 10_000, "a screenshot of " + name);
    }

    private static long count(LocalDate day, Predicate<Integer> status) {
        return REQUESTS.stream().filter(r -> r.day().equals(day) && status.test(r.status())).count();
    }

    private static List<FlyerSession> sessionsOn(LocalDate day) {
        return SESSIONS.stream().filter(session -> session.day().equals(day)).toList();
    }

    private static List<String> newestFirst(Predicate<LogLine> matching) {
        return LOGS.stream().filter(matching).sorted(Comparator.comparing(LogLine::time).reversed()).map(LogLine::message).toList();
    }

    private static long nearestRank(List<Long> sorted, double q) {
        return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }

    private static void assertWithinOnePercent(long expected, String shown, String what) {
        assertEquals(expected, Double.parseDouble(shown), expected * 0.01 + 0.5, what + " within 1% (shown rounded to the ms)");
    }
}
