package io.streamlytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Where and when a figure was measured: every result line quotes the load average with it. */
public final class Machine {
    private Machine() {
    }

    /** The 1-minute load average, from /proc/loadavg (NaN where there is none). */
    public static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    public static String describe() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("%s, %d cores, %d MiB max heap, Java %s, %s %s, load average %.2f",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), runtime.availableProcessors(), runtime.maxMemory() >> 20,
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage());
    }
}
