package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Store format of {@link Baseline}. */
public final class BaselineSerde extends BinarySerde<Baseline> {
    private static final int VERSION = 1;

    @Override
    protected void write(Baseline baseline, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(baseline.windows());
        out.writeLong(baseline.lastJudgedStart());
        out.writeDouble(baseline.logP95().mean());
        out.writeDouble(baseline.logP95().variance());
        out.writeDouble(baseline.errorRate().mean());
        out.writeDouble(baseline.errorRate().variance());
    }

    @Override
    protected Baseline read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new Baseline(in.readLong(), in.readLong(), new RunningStats(in.readDouble(), in.readDouble()),
                new RunningStats(in.readDouble(), in.readDouble()));
    }
}
