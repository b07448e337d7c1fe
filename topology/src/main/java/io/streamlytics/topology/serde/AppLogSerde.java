package io.streamlytics.topology.serde;

import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.LogLevel;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Messages and other fields may pass writeUTF's 64 KiB: they are written as length-prefixed UTF-8. */
public final class AppLogSerde extends BinarySerde<AppLog> {
    private static final int VERSION = 1;
    private static final LogLevel[] LEVELS = LogLevel.values();

    @Override
    protected void write(AppLog log, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(log.timestamp());
        out.writeUTF(log.app());
        out.writeUTF(log.service());
        out.writeByte(log.level().ordinal());
        writeLongText(out, log.message());
        out.writeBoolean(log.otherFields() != null);
        if (log.otherFields() != null) {
            writeLongText(out, log.otherFields());
        }
    }

    @Override
    protected AppLog read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long timestamp = in.readLong();
        String app = in.readUTF();
        String service = in.readUTF();
        LogLevel level = LEVELS[in.readByte()];
        String message = readLongText(in);
        String otherFields = in.readBoolean() ? readLongText(in) : null;
        return new AppLog(timestamp, app, service, level, message, otherFields);
    }

    private static void writeLongText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readLongText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
