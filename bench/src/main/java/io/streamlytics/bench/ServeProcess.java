package io.streamlytics.bench;

import io.streamlytics.app.FreePort;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * One instance as its own process ({@code java ... io.streamlytics.app.Main serve}), so it can be
 * killed with SIGKILL and started again on the same port and state directory. Its output goes to a
 * log file beside its state.
 */
public final class ServeProcess implements AutoCloseable {
    /** More JVM options for every instance a benchmark starts, e.g. a JFR recording (BENCHMARKS.md). */
    public static final String JAVA_OPTS_VARIABLE = "BENCH_SERVE_JAVA_OPTS";
    private final List<String> command;
    private final Path log;
    private final int port;
    private Process process;

    private ServeProcess(List<String> command, Path log, int port) {
        this.command = command;
        this.log = log;
        this.port = port;
    }

    /**
     * How an instance differs from the default one: client properties (handed to serve in a --kafka-config file
     * beside the state directory), classes ahead of the benchmark's classpath (another build of app and topology,
     * to run the code before a change side by side with it), the partitions of the topics it creates, a topic prefix,
     * its stream threads ({@link #SERVE_DEFAULT_THREADS}: serve's own default).
     */
    public record Launch(Map<String, String> kafkaProperties, List<Path> classesFirst, int partitions, String topicPrefix,
                         int streamThreads) {
        /** No --stream-threads: serve's default, one per core. */
        public static final int SERVE_DEFAULT_THREADS = 0;
        public static final Launch DEFAULT = new Launch(Map.of(), List.of(), BenchInstances.PARTITIONS, "");

        public Launch(Map<String, String> kafkaProperties, List<Path> classesFirst, int partitions, String topicPrefix) {
            this(kafkaProperties, classesFirst, partitions, topicPrefix, SERVE_DEFAULT_THREADS);
        }

        /** The default configuration on the classes of {@code checkout} (see {@link #classesBefore}). */
        public static Launch codeBefore(Path checkout, int partitions, int streamThreads) {
            return new Launch(Map.of(), classesBefore(checkout), partitions, "", streamThreads);
        }

        /**
         * The classes of a checkout of the code before a change, compiled (a benchmark's --before DIR): its app and
         * topology classes, to put first; fails, naming the directory, when either is missing.
         */
        public static List<Path> classesBefore(Path checkout) {
            List<Path> classes = List.of(checkout.resolve("app/target/classes"), checkout.resolve("topology/target/classes"));
            for (Path directory : classes) {
                if (!Files.isDirectory(directory)) {
                    throw new IllegalArgumentException("--before " + checkout + ": no " + directory + " (compile it first)");
                }
            }
            return classes;
        }
    }

    /** Starts {@code serve} with the benchmark's own classpath, {@code heap} as -Xmx, and the given state directory. */
    public static ServeProcess start(String bootstrap, String applicationId, Path stateDir, int standbyReplicas, String heap)
            throws IOException {
        return start(bootstrap, applicationId, stateDir, standbyReplicas, heap, Launch.DEFAULT);
    }

    public static ServeProcess start(String bootstrap, String applicationId, Path stateDir, int standbyReplicas, String heap,
                                     Launch launch) throws IOException {
        Map<String, String> kafkaProperties = launch.kafkaProperties();
        List<Path> classesFirst = launch.classesFirst();
        int port = FreePort.onLoopback();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap));
        String extraOptions = System.getenv().getOrDefault(JAVA_OPTS_VARIABLE, "").trim();
        if (!extraOptions.isEmpty()) {
            command.addAll(List.of(extraOptions.split("\\s+")));
        }
        List<String> classpath = new ArrayList<>(classesFirst.stream().map(Path::toString).toList());
        classpath.add(System.getProperty("java.class.path"));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, classpath), "io.streamlytics.app.Main", "serve",
                "--bootstrap-servers", bootstrap, "--http-host", "127.0.0.1", "--http-port", Integer.toString(port),
                "--state-dir", stateDir.toString(), "--application-id", applicationId,
                "--partitions", Integer.toString(launch.partitions()), "--topic-prefix", launch.topicPrefix(), "--replication-factor", "1",
                "--standby-replicas", Integer.toString(standbyReplicas)));
        if (launch.streamThreads() != Launch.SERVE_DEFAULT_THREADS) {
            command.addAll(List.of("--stream-threads", Integer.toString(launch.streamThreads())));
        }
        if (!kafkaProperties.isEmpty()) {
            Path file = stateDir.resolveSibling(stateDir.getFileName() + ".properties");
            Properties properties = new Properties();
            properties.putAll(kafkaProperties);
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "a benchmark's variant");
            }
            command.addAll(List.of("--kafka-config", file.toString()));
        }
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

    /** The instance's output, beside its state directory. */
    public Path log() {
        return log;
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
