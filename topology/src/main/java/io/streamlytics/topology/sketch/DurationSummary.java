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
import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Count, sum, min, max and a DDSketch of request durations. Everything merges exactly (the sum is
 * whole microseconds, the same in any order) except the sketch, which merges within its accuracy.
 * The sum has 128 bits: a long of microseconds ends after about a hundred million durations of the
 * most a request may take (a day), which one shared endpoint window can be fed.
 */
public final class DurationSummary {
    /** Half the contract's 1% bound, leaving room for the rank convention of the sketch. */
    public static final double RELATIVE_ACCURACY = 0.005;
    public static final int MAX_SKETCH_BINS = 2048;
    private static final Supplier<Store> SKETCH_STORE = () -> new CollapsingLowestDenseStore(MAX_SKETCH_BINS);
    private static final long HIGH_WORD_FOLLOWS = Long.MIN_VALUE;
    private static final double TWO_TO_64 = 0x1p64;

    private long count;
    /** The sum as a two's complement number of 128 bits: its low 64 bits, unsigned, and its high 64 bits. */
    private long sumMicrosLow;
    private long sumMicrosHigh;
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
        // what can throw before anything changes: the sketch refuses what it cannot hold
        sketch.accept(durationMs);
        long micros = Math.round(durationMs * 1000);
        count++;
        addToSum(micros, micros >> 63);
        min = Math.min(min, durationMs);
        max = Math.max(max, durationMs);
    }

    private void addToSum(long low, long high) {
        long sum = sumMicrosLow + low;
        long carry = Long.compareUnsigned(sum, low) < 0 ? 1 : 0;
        sumMicrosLow = sum;
        sumMicrosHigh += high + carry;
    }

    public void merge(DurationSummary other) {
        sketch.mergeWith(other.sketch);
        count += other.count;
        addToSum(other.sumMicrosLow, other.sumMicrosHigh);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
    }

    public long count() {
        return count;
    }

    /** The exact sum of the durations in whole microseconds. */
    public BigInteger sumMicros() {
        return BigInteger.valueOf(sumMicrosHigh).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(sumMicrosLow)));
    }

    public double mean() {
        if (count == 0) {
            return 0.0;
        }
        double low = sumMicrosLow >= 0 ? sumMicrosLow : (sumMicrosLow >>> 1) * 2.0 + (sumMicrosLow & 1);
        return (sumMicrosHigh * TWO_TO_64 + low) / 1000.0 / count;
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
        // the high word is written only when the sum does not fit one long, flagged in the count's sign bit:
        // values written before it existed read the same
        boolean fitsOneLong = sumMicrosHigh == sumMicrosLow >> 63;
        out.writeLong(fitsOneLong ? count : count | HIGH_WORD_FOLLOWS);
        out.writeLong(sumMicrosLow);
        if (!fitsOneLong) {
            out.writeLong(sumMicrosHigh);
        }
        out.writeDouble(min);
        out.writeDouble(max);
        GrowingByteArrayOutput encoded = GrowingByteArrayOutput.withInitialCapacity(256);
        sketch.encode(encoded, false);
        out.writeInt(encoded.numWrittenBytes());
        out.write(encoded.backingArray(), 0, encoded.numWrittenBytes());
    }

    public static DurationSummary read(DataInput in) throws IOException {
        long flaggedCount = in.readLong();
        long count = flaggedCount & ~HIGH_WORD_FOLLOWS;
        long sumMicrosLow = in.readLong();
        long sumMicrosHigh = flaggedCount < 0 ? in.readLong() : sumMicrosLow >> 63;
        double min = in.readDouble();
        double max = in.readDouble();
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        DurationSummary summary = new DurationSummary(DDSketch.decode(ByteArrayInput.wrap(encoded), SKETCH_STORE));
        summary.count = count;
        summary.sumMicrosLow = sumMicrosLow;
        summary.sumMicrosHigh = sumMicrosHigh;
        summary.min = min;
        summary.max = max;
        return summary;
    }
}
