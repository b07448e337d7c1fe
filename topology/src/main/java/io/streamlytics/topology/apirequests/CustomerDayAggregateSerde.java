package io.streamlytics.topology.apirequests;

import io.streamlytics.topology.serde.BinarySerde;
import io.streamlytics.topology.sketch.DurationSummary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.BitSet;

/** Store format of {@link CustomerDayAggregate}: counts, minute bitmaps, then the duration summary. */
public final class CustomerDayAggregateSerde extends BinarySerde<CustomerDayAggregate> {
    private static final int VERSION = 1;

    @Override
    protected void write(CustomerDayAggregate day, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(day.successRequests);
        out.writeLong(day.failedRequests);
        out.writeLong(day.clientErrors);
        writeBits(out, day.activeMinutes);
        writeBits(out, day.healthyMinutes);
        day.durations.write(out);
    }

    @Override
    protected CustomerDayAggregate read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long success = in.readLong();
        long failed = in.readLong();
        long clientErrors = in.readLong();
        BitSet active = readBits(in);
        BitSet healthy = readBits(in);
        CustomerDayAggregate day = new CustomerDayAggregate(DurationSummary.read(in), active, healthy);
        day.successRequests = success;
        day.failedRequests = failed;
        day.clientErrors = clientErrors;
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
