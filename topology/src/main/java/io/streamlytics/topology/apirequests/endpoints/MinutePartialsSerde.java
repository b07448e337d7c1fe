package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Store format of {@link MinutePartials}. */
public final class MinutePartialsSerde extends BinarySerde<MinutePartials> {
    private static final int VERSION = 1;
    private final EndpointWindowAggregateSerde aggregates = new EndpointWindowAggregateSerde();

    @Override
    protected void write(MinutePartials partials, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(partials.bySourcePartition.size());
        for (var entry : partials.bySourcePartition.entrySet()) {
            out.writeInt(entry.getKey());
            aggregates.write(entry.getValue(), out);
        }
    }

    @Override
    protected MinutePartials read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        int size = in.readInt();
        Map<Integer, EndpointWindowAggregate> bySource = new TreeMap<>();
        for (int i = 0; i < size; i++) {
            bySource.put(in.readInt(), aggregates.read(in));
        }
        return new MinutePartials(bySource);
    }
}
