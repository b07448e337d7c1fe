package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Wire format of {@link EndpointPartial} on the repartition topic to the merge stage. */
public final class EndpointPartialSerde extends BinarySerde<EndpointPartial> {
    private static final int VERSION = 1;
    private final EndpointWindowAggregateSerde aggregates = new EndpointWindowAggregateSerde();

    @Override
    protected void write(EndpointPartial partial, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeInt(partial.sourcePartition());
        out.writeLong(partial.windowStart());
        aggregates.write(partial.aggregate(), out);
    }

    @Override
    protected EndpointPartial read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new EndpointPartial(in.readInt(), in.readLong(), aggregates.read(in));
    }
}
