package io.streamlytics.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** Order statistics of measured values: the median and spread quoted in BENCHMARKS.md. */
public record Samples(double[] sorted) {

    public static Samples of(Collection<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).sorted().toArray());
    }

    public static Samples of(double... values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return new Samples(copy);
    }

    public int count() {
        return sorted.length;
    }

    public double median() {
        return percentile(0.5);
    }

    public double min() {
        return sorted.length == 0 ? Double.NaN : sorted[0];
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Nearest rank: the ⌈q·n⌉-th smallest value. */
    public double percentile(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** "median 123 (min 100, max 140, n=3)" with the given number format. */
    public String summary(String format) {
        return String.format(Locale.ROOT, format + " (min " + format + ", max " + format + ", n=%d)",
                median(), min(), max(), count());
    }
}
