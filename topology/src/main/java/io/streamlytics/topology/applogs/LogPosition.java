package io.streamlytics.topology.applogs;

import java.util.Comparator;
import java.util.Optional;

/**
 * Where a line is kept: its timestamp, bucket, and index among the bucket's lines of that millisecond.
 * Unique and stable, so it orders search results totally and serves as the page cursor.
 */
public record LogPosition(long timestamp, int bucket, int index) implements Comparable<LogPosition> {
    private static final Comparator<LogPosition> ORDER = Comparator.comparingLong(LogPosition::timestamp)
            .thenComparingInt(LogPosition::bucket).thenComparingInt(LogPosition::index);

    /** The cursor form, {@code timestamp-bucket-index}. */
    public String cursor() {
        return timestamp + "-" + bucket + "-" + index;
    }

    public static Optional<LogPosition> parse(String cursor) {
        String[] parts = cursor.split("-", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            var position = new LogPosition(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            boolean valid = position.timestamp >= 0 && position.bucket >= 0 && position.bucket < AppLogsPipeline.BUCKETS
                    && position.index >= 0;
            return valid ? Optional.of(position) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public int compareTo(LogPosition other) {
        return ORDER.compare(this, other);
    }
}
