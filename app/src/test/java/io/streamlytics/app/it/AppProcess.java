package io.streamlytics.app.it;

import io.streamlytics.app.FreePort;
import io.streamlytics.app.Main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The app as a separate JVM ({@code Main serve} on the test's own class path), so that a test can
 * kill it with SIGKILL: no shutdown hook, no commit, no leave-group, as in a real crash.
 */
final class AppProcess {
    /** The exit status of a process ended by SIGKILL (128 + 9). */
    static final int KILLED_BY_SIGKILL = 137;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private AppProcess(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /** Starts {@code serve} with these options plus a free HTTP port; its output goes to {@code log}. */
    static AppProcess start(Path log, List<String> serveOptions) {
        int port = FreePort.onLoopback();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve",
                "--http-host", "127.0.0.1", "--http-port", Integer.toString(port)));
        command.addAll(serveOptions);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new AppProcess(process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until {@code /ready} answers 200 (the streams instance is RUNNING). */
    void awaitReady(Duration timeout) {
        Instances.await(timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the app process exited with " + process.exitValue() + "; its log:\n" + tail());
            }
            return get("/ready").status() == 200;
        }, "the app process on port " + httpPort + " is ready");
    }

    /** A reply; status 0 when the process did not answer at all. */
    record Reply(int status, String body) {
    }

    Reply get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET());
    }

    Reply post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link Process#destroyForcibly()} is SIGKILL on Linux; the exit status proves it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        assertEquals(KILLED_BY_SIGKILL, process.exitValue(), "the app process was not ended by SIGKILL");
    }

    /** Asks for a clean stop (SIGTERM runs the shutdown hook), for the end of a test. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The log's warnings and errors, without the expected noise of a restart after SIGKILL, and its last lines. */
    String problems() {
        try {
            List<String> lines = Files.readAllLines(log).stream()
                    .filter(line -> !line.startsWith("\tat "))
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("Exception"))
                    .filter(line -> !line.contains("TaskCorrupted") && !line.contains("corrupted") && !line.contains("checkpoint offsets")
                            && !line.contains("Got error produce response"))
                    .toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())) + "\n...\n" + tail();
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
