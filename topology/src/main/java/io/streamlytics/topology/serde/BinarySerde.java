package io.streamlytics.topology.serde;

import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A serde written by hand over Data streams: compact and explicit for internal topics and stores.
 * Each format starts with a version byte so a later change can still read what is stored.
 */
public abstract class BinarySerde<T> extends SelfSerde<T> {

    protected abstract void write(T value, DataOutputStream out) throws IOException;

    protected abstract T read(DataInputStream in) throws IOException;

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        try {
            var bytes = new ByteArrayOutputStream(128);
            var out = new DataOutputStream(bytes);
            write(value, out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new SerializationException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return read(new DataInputStream(new ByteArrayInputStream(data)));
        } catch (IOException e) {
            throw new SerializationException("cannot deserialize " + data.length + " bytes from " + topic, e);
        }
    }

    protected static void expectVersion(DataInputStream in, int expected) throws IOException {
        int version = in.readByte();
        if (version != expected) {
            throw new IOException("unknown format version " + version + ", expected " + expected);
        }
    }

    protected static void writeNullableUtf(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    protected static String readNullableUtf(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
