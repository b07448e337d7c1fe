package io.streamlytics.topology.apirequests.endpoints;

import io.streamlytics.topology.serde.BinarySerde;
import io.streamlytics.topology.sketch.DurationSummary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store and wire format of {@link EndpointWindowAggregate}; instances exchange partials in it too. */
public final class EndpointWindowAggregateSerde extends BinarySerde<EndpointWindowAggregate> {
    private static final int VERSION = 1;

    @Override
    protected void write(EndpointWindowAggregate window, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(window.errors4xx);
        out.writeLong(window.errors5xx);
        window.durations.write(out);
    }

    @Override
    protected EndpointWindowAggregate read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long errors4xx = in.readLong();
        long errors5xx = in.readLong();
        EndpointWindowAggregate window = new EndpointWindowAggregate(DurationSummary.read(in));
        window.errors4xx = errors4xx;
        window.errors5xx = errors5xx;
        return window;
    }
}
