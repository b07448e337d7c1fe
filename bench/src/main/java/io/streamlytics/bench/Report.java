package io.streamlytics.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Output of one benchmark run: lines to stdout and to {@code <out>/<name>.txt} (the figures
 * BENCHMARKS.md quotes), and the charts beside it.
 */
public final class Report {
    private final String name;
    private final Path directory;

    public Report(String name, Path directory) {
        this.name = name;
        this.directory = directory;
        try {
            Files.createDirectories(directory);
            Files.writeString(text(), "# " + name + ": " + Machine.describe() + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path text() {
        return directory.resolve(name + ".txt");
    }

    public Path chart(String suffix) {
        return directory.resolve(name + "-" + suffix + ".png");
    }

    /** Prints and records one line; the load average at this moment is appended. */
    public void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args) + String.format(Locale.ROOT, "  [load %.2f]", Machine.loadAverage());
        System.out.println("[" + name + "] " + line);
        try {
            Files.writeString(text(), line + System.lineSeparator(), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
