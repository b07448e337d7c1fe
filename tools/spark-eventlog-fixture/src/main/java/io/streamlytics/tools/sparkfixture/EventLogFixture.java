package io.streamlytics.tools.sparkfixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs {@link FixtureJobs} on a local Spark with the event log on, then copies the event log and
 * what the listener reported for each job into the given folder (the topology's test resources).
 */
public final class EventLogFixture {

    static final String EVENT_LOG_FILE = "local-eventlog.ndjson";
    static final String EXPECTED_FILE = "local-eventlog.expected.json";
    private static final long EVENT_LOG_SIZE_LIMIT = 1_000_000;
    private static final long QUIET_DEADLINE_MS = 180_000;

    /** The expected file: Spark's own view of the jobs, to compare a consumer of the event log with. */
    public record Expected(String appId, String sparkVersion, List<JobRecord> jobs) {
    }

    private EventLogFixture() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EventLogFixture <output folder>");
        }
        Path outputDir = Path.of(args[0]).toAbsolutePath().normalize();
        Path eventLogDir = Files.createTempDirectory("spark-events");
        JobRecorder recorder = new JobRecorder();
        Expected expected;
        try (JavaSparkContext sc = new JavaSparkContext(sparkConf(eventLogDir))) {
            sc.sc().addSparkListener(recorder);
            FixtureJobs.runAll(sc);
            awaitAllAttemptsEnded(sc.sc(), recorder);
            expected = new Expected(sc.sc().applicationId(), sc.version(), recorder.jobs());
            if (!recorder.problems().isEmpty()) {
                throw new IllegalStateException("the listener's counts are unreliable: " + recorder.problems());
            }
            ScenarioCheck.requireRetriesFailuresAndKills(expected.jobs());
            StatusStoreComparison.print(sc.sc().statusStore(), expected.jobs());
        }
        Files.createDirectories(outputDir);
        copyEventLog(eventLogDir, outputDir.resolve(EVENT_LOG_FILE));
        new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(outputDir.resolve(EXPECTED_FILE).toFile(), expected);
        System.out.println("wrote " + outputDir.resolve(EVENT_LOG_FILE) + " and " + outputDir.resolve(EXPECTED_FILE));
    }

    private static SparkConf sparkConf(Path eventLogDir) {
        return new SparkConf()
                // 2 cores, and up to 3 attempts per task: local mode retries failed tasks only when told to
                .setMaster("local[2,3]")
                .setAppName("streamlytics-eventlog-fixture")
                .set("spark.eventLog.enabled", "true")
                .set("spark.eventLog.dir", eventLogDir.toUri().toString())
                .set("spark.eventLog.compress", "false")
                // Spark 4 rolls event logs into a folder by default; the fixture is one plain file
                .set("spark.eventLog.rolling.enabled", "false")
                // no web UI port to clash with other processes on this machine
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    /**
     * A killed attempt ends after its job has already failed: wait for every started attempt's
     * end to be delivered, or its line would be missing from the log and from the counts.
     */
    private static void awaitAllAttemptsEnded(SparkContext sc, JobRecorder recorder)
            throws TimeoutException, InterruptedException {
        long deadline = System.currentTimeMillis() + QUIET_DEADLINE_MS;
        sc.listenerBus().waitUntilEmpty();
        while (recorder.runningAttempts() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new TimeoutException(recorder.runningAttempts() + " task attempts never ended");
            }
            Thread.sleep(50);
            sc.listenerBus().waitUntilEmpty();
        }
    }

    /** Spark names the finished log after the application id; copy it byte for byte, then drop the temporary folder. */
    private static void copyEventLog(Path eventLogDir, Path target) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.list(eventLogDir)) {
            logs = files.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
        }
        if (logs.size() != 1 || !Files.isRegularFile(logs.get(0)) || logs.get(0).toString().endsWith(".inprogress")) {
            throw new IllegalStateException("expected one finished event log in " + eventLogDir + ", found " + logs);
        }
        if (Files.size(logs.get(0)) > EVENT_LOG_SIZE_LIMIT) {
            throw new IllegalStateException("event log " + logs.get(0) + " is larger than " + EVENT_LOG_SIZE_LIMIT + " bytes");
        }
        Files.copy(logs.get(0), target, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(logs.get(0));
        Files.delete(eventLogDir);
    }
}
