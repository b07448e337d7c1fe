package io.streamlytics.topology.flyer;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store format of a user's {@link FlyerCounts}. */
public final class FlyerCountsSerde extends BinarySerde<FlyerCounts> {
    private static final int VERSION = 1;

    @Override
    protected void write(FlyerCounts counts, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(counts.sessions());
        out.writeLong(counts.totalMs());
        out.writeLong(counts.abandoned());
        out.writeLong(counts.orphans());
    }

    @Override
    protected FlyerCounts read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new FlyerCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
