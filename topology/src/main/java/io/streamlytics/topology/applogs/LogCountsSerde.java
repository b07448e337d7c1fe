package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.LogLevel;
import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** Store format of {@link LogCounts}: a count per level, then services and their counts. */
public final class LogCountsSerde extends BinarySerde<LogCounts> {
    private static final int VERSION = 1;

    @Override
    protected void write(LogCounts counts, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        for (long count : counts.levels) {
            out.writeLong(count);
        }
        out.writeInt(counts.services.size());
        for (Map.Entry<String, Long> service : counts.services.entrySet()) {
            out.writeUTF(service.getKey());
            out.writeLong(service.getValue());
        }
    }

    @Override
    protected LogCounts read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long[] levels = new long[LogLevel.values().length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = in.readLong();
        }
        TreeMap<String, Long> services = new TreeMap<>();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            services.put(in.readUTF(), in.readLong());
        }
        return new LogCounts(levels, services);
    }
}
