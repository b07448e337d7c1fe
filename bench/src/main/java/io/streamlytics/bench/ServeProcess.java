package io.streamlytics.bench;

import io.streamlytics.app.FreePort;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One instance as its own process ({@code java ... io.streamlytics.app.Main serve}), so it can be
 * killed with SIGKILL and started again on the same port and state directory. Its output goes to a
 * log file beside its state.
 */
public final class ServeProcess implements AutoCloseable {
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private ServeProcess(List<String> command, Path log, int port) {
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code serve} with the benchmark's own classpath, {@code heap} as -Xmx, and the given state directory. */
    public static ServeProcess start(String bootstrap, String applicationId, Path stateDir, int standbyReplicas, String heap)
            throws IOException {
        int port = FreePort.onLoopback();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "io.streamlytics.app.Main", "serve",
                "--bootstrap-servers", bootstrap, "--http-host", "127.0.0.1", "--http-port", Integer.toString(port),
                "--state-dir", stateDir.toString(), "--application-id", applicationId,
                "--partitions", Integer.toString(BenchInstances.PARTITIONS), "--replication-factor", "1",
                "--standby-replicas", Integer.toString(standbyReplicas)));
        ServeProcess serve = new ServeProcess(command, stateDir.resolveSibling(stateDir.getFileName() + ".log"), port);
        serve.launch();
        return serve;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is committed or checkpointed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts the same command again: same port, same state directory. */
    public void restart() throws IOException {
        launch();
    }

    /** Polls every 50 ms until {@code condition} holds; the seconds it took, or fails after {@code timeout}. */
    public static double await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - start > timeout.toNanos()) {
                throw new IllegalStateException(what + " not within " + timeout);
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** A clean stop (SIGTERM: the shutdown hook closes the instance), waiting up to a minute before killing it. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
