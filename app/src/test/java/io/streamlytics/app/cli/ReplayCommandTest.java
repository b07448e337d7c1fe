package io.streamlytics.app.cli;

import io.streamlytics.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay command without a broker: usage errors, an unreachable Kafka, and the files and names it reads. */
class ReplayCommandTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = Main.commandLine();
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setOut(new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        return new Run(cli.execute(args), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownTopicOrAMissingFileIsAUsageError() throws IOException {
        Path file = Files.writeString(dir.resolve("events.ndjson"), "{}\n");
        Run unknownTopic = run("replay", "no-such-topic", file.toString());
        assertEquals(2, unknownTopic.exitCode());
        assertEquals("streamlytics replay: unknown topic 'no-such-topic': one of ", unknownTopic.err().lines().findFirst().orElseThrow()
                .replaceAll("one of .*", "one of "));
        Run missing = run("replay", "spark-events", dir.resolve("nope.log").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("streamlytics replay: no such file or folder: "), missing.err());
        assertEquals(2, run("replay", "spark-events").exitCode(), "a file is required");
    }

    @Test
    void anUnreachableKafkaEndsWithOneLineAndExitCode1() throws IOException {
        Path file = Files.writeString(dir.resolve("events.ndjson"), "{\"job_id\":1,\"event\":\"SparkListenerJobStart\","
                + "\"timestamp\":\"2025-05-22T15:00:00Z\"}\n");
        Run run = run("replay", "spark-events", file.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.err().lines().filter(line -> line.startsWith("streamlytics replay: ")).count(), run.err());
    }

    @Test
    void foldersAreExpandedAndApplicationIdsReadFromSparksFileNames() throws IOException {
        Path rolling = Files.createDirectories(dir.resolve("eventlog_v2_local-1716390000000"));
        Files.writeString(rolling.resolve("events_1_local-1716390000000"), "");
        Files.writeString(rolling.resolve("events_2_local-1716390000000.gz"), "");
        Files.writeString(rolling.resolve(".hidden"), "");
        assertEquals(List.of(rolling.resolve("events_1_local-1716390000000"), rolling.resolve("events_2_local-1716390000000.gz")),
                ReplayFiles.expand(List.of(dir)));
        assertEquals("local-1716390000000", ReplayFiles.appIdFromName(rolling.resolve("events_2_local-1716390000000.gz")));
        assertEquals("application_1700000000000_0007", ReplayFiles.appIdFromName(Path.of("application_1700000000000_0007.inprogress")));
    }
}
