package io.streamlytics.topology.flyer;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store format of a user's {@link UserTotals}; version 1 held the counts alone. */
public final class UserTotalsSerde extends BinarySerde<UserTotals> {
    private static final int COUNTS_ONLY = 1;
    private static final int VERSION = 2;

    @Override
    protected void write(UserTotals totals, DataOutputStream out) throws IOException {
        FlyerCounts counts = totals.counts();
        out.writeByte(VERSION);
        out.writeLong(counts.sessions());
        out.writeLong(counts.totalMs());
        out.writeLong(counts.abandoned());
        out.writeLong(counts.orphans());
        out.writeLong(totals.activeUntilMs());
    }

    @Override
    protected UserTotals read(DataInputStream in) throws IOException {
        int version = in.readByte();
        if (version != COUNTS_ONLY && version != VERSION) {
            throw new IOException("unknown format version " + version + ", expected " + COUNTS_ONLY + " or " + VERSION);
        }
        FlyerCounts counts = new FlyerCounts(in.readLong(), in.readLong(), in.readLong(), in.readLong());
        return new UserTotals(counts, version == COUNTS_ONLY ? UserTotals.ACTIVITY_UNKNOWN : in.readLong());
    }
}
