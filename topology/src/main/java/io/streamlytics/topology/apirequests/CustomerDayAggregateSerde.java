package io.streamlytics.topology.apirequests;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;

/** Store format of {@link CustomerDayAggregate}: counts, duration sum (µs), minute bitmaps, then the DDSketch's own encoding. */
public final class CustomerDayAggregateSerde extends BinarySerde<CustomerDayAggregate> {
    private static final int VERSION = 1;

    @Override
    protected void write(CustomerDayAggregate day, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(day.successRequests);
        out.writeLong(day.failedRequests);
        out.writeLong(day.clientErrors);
        out.writeLong(day.durationSumMicros);
        writeBits(out, day.activeMinutes);
        writeBits(out, day.healthyMinutes);
        GrowingByteArrayOutput sketch = GrowingByteArrayOutput.withInitialCapacity(256);
        day.durations.encode(sketch, false);
        out.writeInt(sketch.numWrittenBytes());
        out.write(sketch.backingArray(), 0, sketch.numWrittenBytes());
    }

    @Override
    protected CustomerDayAggregate read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long success = in.readLong();
        long failed = in.readLong();
        long clientErrors = in.readLong();
        long durationSumMicros = in.readLong();
        BitSet active = readBits(in);
        BitSet healthy = readBits(in);
        byte[] sketchBytes = new byte[in.readInt()];
        in.readFully(sketchBytes);
        DDSketch durations = DDSketch.decode(ByteArrayInput.wrap(sketchBytes), CustomerDayAggregate.SKETCH_STORE);
        CustomerDayAggregate day = new CustomerDayAggregate(durations, active, healthy);
        day.successRequests = success;
        day.failedRequests = failed;
        day.clientErrors = clientErrors;
        day.durationSumMicros = durationSumMicros;
        return day;
    }

    private static void writeBits(DataOutputStream out, BitSet bits) throws IOException {
        long[] words = bits.toLongArray();
        out.writeShort(words.length);
        for (long word : words) {
            out.writeLong(word);
        }
    }

    private static BitSet readBits(DataInputStream in) throws IOException {
        long[] words = new long[in.readShort()];
        for (int i = 0; i < words.length; i++) {
            words[i] = in.readLong();
        }
        return BitSet.valueOf(words);
    }
}
