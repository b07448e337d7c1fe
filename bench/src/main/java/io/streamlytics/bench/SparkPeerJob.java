package io.streamlytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Spark peer (bench-spark's {@code ClassicFlyerTimeJob}, built with {@code -Pspark}) as its own
 * JVM: launched, timed until it has exited with its files written, and its CSV read back.
 */
final class SparkPeerJob {
    private static final String MAIN = "io.streamlytics.benchspark.ClassicFlyerTimeJob";
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** The options Spark's own launcher adds on Java 17 (its JavaModuleOptions): Spark reaches into these JDK internals. */
    private static final List<String> MODULE_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED", "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    /** One user's row of the job's output. */
    record Row(long pairs, long totalMs, double hours) {
    }

    /** Seconds from launch to exit, and the rows by user. */
    record Result(double seconds, Map<String, Row> users) {
    }

    private SparkPeerJob() {
    }

    /** Runs the job on {@code input} with {@code -Xmx heap} and master {@code master}; its output goes to {@code output}. */
    static Result run(String classpath, String heap, String master, Path input, Path output) throws IOException, InterruptedException {
        Path log = output.resolveSibling(output.getFileName() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        command.addAll(MODULE_OPTIONS);
        command.addAll(List.of("-cp", classpath, MAIN, input.toString(), output.toString(), master));
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the Spark job did not end within " + TIMEOUT + "; see " + log);
        }
        double seconds = (System.nanoTime() - launched) / 1e9;
        if (process.exitValue() != 0 || !Files.exists(output.resolve("_SUCCESS"))) {
            throw new IllegalStateException("the Spark job failed (exit " + process.exitValue() + "); see " + log);
        }
        return new Result(seconds, read(output));
    }

    /** The rows of every part file: {@code user_id,pairs,total_ms,avg_time_on_flyer_per_user_hours} after a header. */
    private static Map<String, Row> read(Path output) throws IOException {
        Map<String, Row> users = new HashMap<>();
        try (Stream<Path> files = Files.list(output)) {
            for (Path part : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                for (String line : Files.readAllLines(part).stream().skip(1).toList()) {
                    String[] fields = line.split(",");
                    Row row = new Row(Long.parseLong(fields[1]), Long.parseLong(fields[2]), Double.parseDouble(fields[3]));
                    if (users.put(fields[0], row) != null) {
                        throw new IllegalStateException("the Spark job wrote user " + fields[0] + " twice");
                    }
                }
            }
        }
        return users;
    }
}
