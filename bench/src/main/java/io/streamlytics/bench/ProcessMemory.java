package io.streamlytics.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The resident set of a process, from /proc (Linux). */
final class ProcessMemory {
    private ProcessMemory() {
    }

    /** VmRSS in bytes, or 0 when it cannot be read (the process is gone, or not Linux). */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
