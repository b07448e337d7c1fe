package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;

import java.util.Comparator;
import java.util.List;

/** A line that matched a search, and where it is kept. */
public record FoundLine(LogPosition position, AppLog line) {

    /** The {@code n} newest of {@code lines}, newest first. */
    public static List<FoundLine> newest(List<FoundLine> lines, int n) {
        return lines.stream().sorted(Comparator.comparing(FoundLine::position).reversed()).limit(n).toList();
    }
}
