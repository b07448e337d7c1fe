package io.streamlytics.topology.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;

/** Percentiles by the contract's definition: the nearest rank, the ⌈q·n⌉-th smallest value. */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * DDSketch answers the value at rank q·(n−1), counting from zero; asking it for rank ⌈q·n⌉−½
     * lands inside the bucket holding the ⌈q·n⌉-th smallest value, so the answer stays within the
     * sketch's relative accuracy of the nearest-rank percentile.
     */
    public static double nearestRank(DDSketch sketch, double q) {
        long n = Math.round(sketch.getCount());
        if (n == 0) {
            return 0.0;
        }
        if (n == 1) {
            return sketch.getValueAtQuantile(0.0);
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        return sketch.getValueAtQuantile(Math.min(1.0, (rank - 0.5) / (n - 1)));
    }
}
