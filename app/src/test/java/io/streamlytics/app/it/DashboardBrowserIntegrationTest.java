package io.streamlytics.app.it;

import io.streamlytics.app.StreamlyticsInstance;
import io.streamlytics.app.sample.ApiRequestGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through chromedriver, loads
 * {@code /} from an instance fed sample data over HTTP; every chart gets data points. Writes
 * {@code target/dashboard.png}. Skipped where Chromium is not installed ({@code .ci/run} installs it).
 */
class DashboardBrowserIntegrationTest {
    private static final String[] APPS = {"checkout", "search", "payments", "auth"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "DEBUG", "WARN", "ERROR"};
    /** Per chart canvas: how many data points above zero it draws. */
    private static final String POINTS_PER_CHART = "return Object.fromEntries(['chart-ingest', 'chart-p99', 'chart-errors', 'chart-apps']"
            + ".map(id => [id, Chart.getChart(id).data.datasets.reduce((n, d) => n + d.data.filter(v => v > 0).length, 0)]))";
    @TempDir
    static Path state;
    @TempDir
    static Path browserProfile;
    private static StreamlyticsInstance instance;
    private static ChromeDriver browser;
    private final ApiRequestGenerator requests = new ApiRequestGenerator(7, 0, 0, 0);
    private final Random random = new Random(7);

    @BeforeAll
    static void start() {
        HeadlessChromium.assumeInstalled();
        instance = Instances.startRunning(Instances.config(SharedBroker.bootstrapServers(), "it-dashboard", "dash-", state));
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

    @Test
    void everyChartShowsDataFromTheLiveApi() throws IOException {
        feed(400);
        browser.get("http://127.0.0.1:" + instance.address().port() + "/");
        // keeps feeding, so that the ingest rate is measured between two readings with new records
        HeadlessChromium.awaitValue(Duration.ofSeconds(120), () -> {
            feed(50);
            return pointsPerChart();
        }, points -> points.values().stream().allMatch(n -> n > 0), "every chart has data points above zero");

        assertEquals("no jobs", browser.findElement(By.id("jobs")).getText(), "the job summary copes with its route being absent");
        String anomalies = browser.findElement(By.id("anomalies")).getText();
        assertTrue(anomalies.startsWith("no anomalies") || anomalies.startsWith("minute"), anomalies);
        Path screenshot = Path.of("target", "dashboard.png");
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page");
    }

    @Test
    void theDocsPageShowsEveryDocumentedRoute() {
        browser.get("http://127.0.0.1:" + instance.address().port() + "/docs");
        int documented = Http.get(instance, "/openapi.json").json().get("paths").size();
        HeadlessChromium.awaitValue(Duration.ofSeconds(60), () -> (Long) ((JavascriptExecutor) browser).executeScript(
                        "return new Set([...document.querySelectorAll('.opblock-summary-path')].map(e => e.getAttribute('data-path'))).size"),
                shown -> shown >= documented, "Swagger UI lists the " + documented + " documented paths");
    }

    /**
     * Any instance the group advertises may answer a forwarded query, so the page treats every field as text:
     * the browser's fetch is stubbed to return markup in the fields the job and anomaly panels show.
     */
    @Test
    void serverFieldsAreShownAsTextNeverAsMarkup() {
        String hostile = "<img src=x onerror=\\\"window.__xss=1\\\">";
        String stub = "const realFetch = window.fetch; const hostile = \"" + hostile + "\";"
                + "window.fetch = (url, init) => {"
                + "  const json = body => Promise.resolve(new Response(JSON.stringify(body), {status: 200, headers: {'Content-Type': 'application/json'}}));"
                + "  if (String(url).startsWith('/analytics/summary')) {"
                + "    return json({summary: {total_jobs: 1, total_tasks: hostile, failed_tasks: hostile}, jobs: []}); }"
                + "  if (String(url).startsWith('/anomalies')) {"
                + "    return json({items: [{window_start: hostile, endpoint: hostile, count: hostile,"
                + "      breaches: [{metric: hostile, value: 1, threshold: 0}]}], next: null}); }"
                + "  return realFetch(url, init); };";
        Map<String, Object> added = browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", stub));
        try {
            browser.get("http://127.0.0.1:" + instance.address().port() + "/");
            HeadlessChromium.awaitValue(Duration.ofSeconds(30), () -> browser.findElement(By.id("jobs")).getText()
                            + browser.findElement(By.id("anomalies")).getText(),
                    shown -> shown.chars().filter(c -> c == '<').count() >= 5, "both panels show the stubbed fields");
            assertEquals(0, browser.findElements(By.cssSelector("#jobs img, #anomalies img")).size(), "no element made from a field");
            assertEquals(null, ((JavascriptExecutor) browser).executeScript("return window.__xss"), "no script ran");
        } finally {
            browser.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", added.get("identifier")));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> pointsPerChart() {
        return (Map<String, Long>) ((JavascriptExecutor) browser).executeScript(POINTS_PER_CHART);
    }

    /** Sends {@code n} api-requests and {@code n} app log lines, timed now, through HTTP ingest. */
    private void feed(int n) {
        long now = System.currentTimeMillis();
        StringJoiner apiRequests = new StringJoiner("\n");
        StringJoiner appLogs = new StringJoiner("\n");
        for (int i = 0; i < n; i++) {
            requests.live(now - i * 50L, 0).forEach(apiRequests::add);
            String app = APPS[Math.min(random.nextInt(APPS.length), random.nextInt(APPS.length))];
            String level = LEVELS[random.nextInt(LEVELS.length)];
            appLogs.add("{\"app\":\"" + app + "\",\"service\":\"" + app + "-api\",\"level\":\"" + level
                    + "\",\"message\":\"request " + i + " handled\",\"timestamp\":" + (now - i * 50L) + "}");
        }
        for (Map.Entry<String, StringJoiner> topic : Map.of("api-requests", apiRequests, "app-logs", appLogs).entrySet()) {
            Http.Reply reply = Http.post(instance, "/ingest/" + topic.getKey(), "application/x-ndjson", topic.getValue().toString());
            assertEquals(202, reply.status(), reply.body());
        }
    }
}
