package io.streamlytics.app.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The files a replay reads: given files, and the files under given folders (Spark's rolling logs nest one level). */
final class ReplayFiles {
    /** Spark's rolling event logs: {@code eventlog_v2_<app id>/events_<n>_<app id>}. */
    private static final Pattern ROLLING_PART = Pattern.compile("events_\\d+_(.+)");

    private ReplayFiles() {
    }

    /** Every regular, non-hidden file of {@code paths}, folders expanded in name order. */
    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException | UncheckedIOException e) {
                    throw new IllegalArgumentException("cannot list folder " + path + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw new IllegalArgumentException("no such file or folder: " + path);
            }
        }
        return files;
    }

    /** Bytes on disk of all {@code files}: what a replay's progress counts against. */
    static long totalBytes(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    /**
     * Lines of a file, gunzipped when its name ends in {@code .gz}; {@code bytesRead} counts the bytes
     * read from disk (beneath the gzip layer), so progress is a share of the files' sizes either way.
     */
    static BufferedReader open(Path file, LongAdder bytesRead) throws IOException {
        InputStream in = new CountingInputStream(Files.newInputStream(file), bytesRead);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private static final class CountingInputStream extends FilterInputStream {
        private final LongAdder bytesRead;

        CountingInputStream(InputStream in, LongAdder bytesRead) {
            super(in);
            this.bytesRead = bytesRead;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.increment();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                bytesRead.add(n);
            }
            return n;
        }
    }

    /** The application id Spark puts in an event log's name: {@code local-1716…}, {@code application_…_0001.inprogress}, … */
    static String appIdFromName(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.gz$", "").replaceFirst("\\.inprogress$", "");
        Matcher rolling = ROLLING_PART.matcher(name);
        return rolling.matches() ? rolling.group(1) : name;
    }
}
