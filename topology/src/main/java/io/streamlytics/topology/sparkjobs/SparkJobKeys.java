package io.streamlytics.topology.sparkjobs;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Keys of the spark-jobs stores. Parts are joined by NUL, which no id holds, so a prefix of whole parts
 * never matches a longer id; times are zero-padded so that text order is time order.
 */
public final class SparkJobKeys {
    public static final char SEPARATOR = '\0';

    private SparkJobKeys() {
    }

    /** The UTC day of a time, {@code YYYY-MM-DD}: the key of a day's summary. */
    public static String dayOf(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    public static String time(long epochMillis) {
        return String.format("%019d", epochMillis);
    }

    public static String join(String... parts) {
        return String.join(String.valueOf(SEPARATOR), parts);
    }

    /** Everything keyed under {@code parts}, whole parts only. */
    public static String prefix(String... parts) {
        return join(parts) + SEPARATOR;
    }

    /** Just past every key under {@code parts}: the separator is the smallest character, so this is one more. */
    public static String prefixEnd(String... parts) {
        return join(parts) + (char) (SEPARATOR + 1);
    }

    /** A job in a day's listing: ordered by start time, then job key. */
    public static String dayJob(String day, long startMillis, String jobKey) {
        return join(day, time(startMillis), jobKey);
    }
}
