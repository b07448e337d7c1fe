package io.streamlytics.topology.quality;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of events /quality counts, by where they were set aside. */
public enum QualityKind {
    /** Refused by HTTP ingest before reaching the input topic (written to dead-letters marked as such). */
    REJECTED("rejected"),
    /** Read from an input topic but unusable: malformed, invalid, or failing in processing. */
    DEAD_LETTERED("dead_lettered"),
    /** A repeat of an event already counted. */
    DUPLICATE("duplicate"),
    /** Later than its window's grace. */
    LATE("late");

    private final String label;

    QualityKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<QualityKind> labelled(String label) {
        return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst();
    }
}
