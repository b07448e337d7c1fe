package io.streamlytics.app.broker;

import io.streamlytics.app.FreePort;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The embedded broker of {@code serve} and {@code demo}, in a child JVM of the same classpath: its log goes to
 * {@code broker.log} in its data folder instead of the console, where the broker's own errors and warnings (such as the
 * sequence errors Kafka logs after Kafka Streams purges a repartition topic, KAFKA-18202) would read as the
 * service's. The child does not outlive this process.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final String READY = "BROKER READY ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final String bootstrapServers;
    private final Path log;

    private BrokerProcess(Process process, String bootstrapServers, Path log) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.log = log;
    }

    /** Starts the broker on {@code port} (0: a free one) with its data in {@code dataDir}; returns once it answers. */
    public static BrokerProcess start(Path dataDir, int port) {
        int chosen = port == 0 ? FreePort.onLoopback() : port;
        Path log = dataDir.toAbsolutePath().resolve("broker.log");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                // warnings and errors only: the broker logs much at INFO, and this file is kept across starts
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                dataDir.toAbsolutePath().toString(), Integer.toString(chosen), Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(dataDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long logStart = Files.size(log);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                String output = Files.readString(log).substring((int) Math.min(logStart, Files.size(log)));
                int ready = output.indexOf(READY);
                if (ready >= 0) {
                    return new BrokerProcess(process, output.substring(ready + READY.length()).lines().findFirst().orElseThrow().strip(), log);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the embedded Kafka broker did not start (exit " + process.exitValue()
                            + "); its log, " + log + ", ends:\n" + tail(output));
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the embedded Kafka broker did not start within " + START_TIMEOUT.toSeconds()
                    + " s; see " + log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded Kafka broker (log " + log + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded Kafka broker", e);
        }
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path log() {
        return log;
    }

    /** Stops the broker cleanly (SIGTERM runs its shutdown), killing it if it takes longer than 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The body of a broker's own JVM: starts the broker, says it is ready, and serves until SIGTERM (a clean shutdown) or
     * SIGKILL; it does not outlive the process {@code parentPid}, so no broker is left behind by a parent that died.
     */
    public static void runUntilStopped(long parentPid, Supplier<EmbeddedKafkaBroker> startBroker) throws InterruptedException {
        ProcessHandle.of(parentPid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(1)),
                () -> Runtime.getRuntime().halt(1));
        EmbeddedKafkaBroker broker;
        try {
            broker = startBroker.get();
        } catch (RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(1); // a half-started broker's threads would keep the JVM alive
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "broker-shutdown"));
        System.out.println(READY + broker.bootstrapServers());
        Thread.currentThread().join();
    }

    /** The child: data folder, port, and the pid of the process it must not outlive. */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) throws InterruptedException {
            runUntilStopped(Long.parseLong(args[2]), () -> EmbeddedKafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1])));
        }
    }
}
