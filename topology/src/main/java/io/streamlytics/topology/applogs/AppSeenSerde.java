package io.streamlytics.topology.applogs;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store format of {@link AppSeen}. */
public final class AppSeenSerde extends BinarySerde<AppSeen> {
    private static final int VERSION = 1;
    private final LogCountsSerde counts = new LogCountsSerde();

    @Override
    protected void write(AppSeen seen, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(seen.firstSeen());
        out.writeLong(seen.lastSeen());
        counts.write(seen.counts(), out);
    }

    @Override
    protected AppSeen read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long firstSeen = in.readLong();
        long lastSeen = in.readLong();
        return new AppSeen(firstSeen, lastSeen, counts.read(in));
    }
}
