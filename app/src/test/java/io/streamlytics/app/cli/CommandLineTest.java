package io.streamlytics.app.cli;

import io.streamlytics.app.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exit codes and messages, with Main's command line run in-process: 0 done, 1 failed while running, 2 wrong command line. */
public class CommandLineTest {
    /** What one command run printed and returned. */
    public record Run(int exitCode, String out, String err, Duration took) {
        String oneLineError() {
            String trimmed = err.strip();
            assertTrue(!trimmed.isEmpty() && !trimmed.contains("\n"), "one line on stderr, got: " + err);
            assertTrue(!trimmed.contains("Exception") && !trimmed.contains("\tat "), "no stack trace: " + err);
            return trimmed;
        }
    }

    /** Runs the command line in this JVM, as {@code java -jar streamlytics.jar ARGS} would. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        long start = System.nanoTime();
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    @Test
    void everyCommandHasHelp() {
        CommandLine cli = Main.commandLine();
        assertTrue(cli.getSubcommands().size() >= 3);
        for (String command : cli.getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            Run help = run(command, "--help");
            assertEquals(Main.OK, help.exitCode(), command + " --help");
            assertTrue(help.out().startsWith("Usage: streamlytics " + command), help.out());
        }
        assertEquals(Main.OK, run("--help").exitCode());
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitCode2() {
        Run unknownOption = run("generate", "api-requests", "--speed", "9");
        assertEquals(Main.USAGE, unknownOption.exitCode());
        assertEquals("streamlytics generate: Unknown options: '--speed', '9' (see 'streamlytics generate --help')", unknownOption.oneLineError());

        Run badValue = run("serve", "--http-port", "eighty");
        assertEquals(Main.USAGE, badValue.exitCode());
        assertTrue(badValue.oneLineError().contains("'eighty' is not an int"), badValue.err());

        Run badTopic = run("generate", "no-such-topic");
        assertEquals(Main.USAGE, badTopic.exitCode());
        assertTrue(badTopic.oneLineError().contains("one of api-requests, app-logs, user-events"), badTopic.err());

        Run badShare = run("generate", "app-logs", "--bad", "1.5");
        assertEquals(Main.USAGE, badShare.exitCode());
        badShare.oneLineError();

        assertEquals(Main.USAGE, run().exitCode(), "no command: the usage, as an error");
    }

    @Test
    void aMissingFileIsOneLineAndExitCode2(@TempDir Path dir) {
        Run missing = run("serve", "--api-keys-file", dir.resolve("no-such-keys.txt").toString(), "--internal-key", "x".repeat(20));
        assertEquals(Main.USAGE, missing.exitCode());
        assertTrue(missing.oneLineError().endsWith("no-such-keys.txt does not exist"), missing.err());

        Path kafkaConfig = dir.resolve("no-such-client.properties");
        Run missingKafkaConfig = run("generate", "api-requests", "--kafka-config", kafkaConfig.toString());
        assertEquals(Main.USAGE, missingKafkaConfig.exitCode());
        assertEquals("streamlytics generate: kafka-config " + kafkaConfig + " does not exist", missingKafkaConfig.oneLineError());
    }
}
