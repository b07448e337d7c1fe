package io.streamlytics.topology.sketch;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import com.datadoghq.sketch.ddsketch.store.Store;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Count, sum, min, max and a DDSketch of request durations. Everything merges exactly (the sum is
 * whole microseconds, the same in any order) except the sketch, which merges within its accuracy.
 */
public final class DurationSummary {
    /** Half the contract's 1% bound, leaving room for the rank convention of the sketch. */
    public static final double RELATIVE_ACCURACY = 0.005;
    public static final int MAX_SKETCH_BINS = 2048;
    private static final Supplier<Store> SKETCH_STORE = () -> new CollapsingLowestDenseStore(MAX_SKETCH_BINS);

    private long count;
    private long sumMicros;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final DDSketch sketch;

    public DurationSummary() {
        this(DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_SKETCH_BINS));
    }

    private DurationSummary(DDSketch sketch) {
        this.sketch = sketch;
    }

    public void add(double durationMs) {
        count++;
        sumMicros += Math.round(durationMs * 1000);
        min = Math.min(min, durationMs);
        max = Math.max(max, durationMs);
        sketch.accept(durationMs);
    }

    public void merge(DurationSummary other) {
        count += other.count;
        sumMicros += other.sumMicros;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sketch.mergeWith(other.sketch);
    }

    public long count() {
        return count;
    }

    public long sumMicros() {
        return sumMicros;
    }

    public double mean() {
        return count == 0 ? 0.0 : sumMicros / 1000.0 / count;
    }

    public double min() {
        return count == 0 ? 0.0 : min;
    }

    public double max() {
        return count == 0 ? 0.0 : max;
    }

    /** Nearest-rank percentile, within the sketch's relative accuracy. */
    public double percentile(double q) {
        return Quantiles.nearestRank(sketch, q);
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeLong(sumMicros);
        out.writeDouble(min);
        out.writeDouble(max);
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withInitialCapacity(256);
        sketch.encode(encoded, false);
        out.writeInt(encoded.numWrittenBytes());
        out.write(encoded.backingArray(), 0, encoded.numWrittenBytes());
    }

    public static DurationSummary read(DataInput in) throws IOException {
        long count = in.readLong();
        long sumMicros = in.readLong();
        double min = in.readDouble();
        double max = in.readDouble();
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        DurationSummary summary = new DurationSummary(DDSketch.decode(ByteArrayInput.wrap(encoded), SKETCH_STORE));
        summary.count = count;
        summary.sumMicros = sumMicros;
        summary.min = min;
        summary.max = max;
        return summary;
    }
}
