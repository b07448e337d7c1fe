package io.streamlytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Sizes and deletion of the benchmarks' working directories (state, broker data). */
final class Dirs {
    private Dirs() {
    }

    /** Bytes of the regular files under {@code dir}. */
    static long size(Path dir) throws IOException {
        return size(dir, p -> true);
    }

    /** Bytes of the regular files under {@code dir} that {@code include} accepts. */
    static long size(Path dir, Predicate<Path> include) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(include).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
