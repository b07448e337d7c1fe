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

    /** A stream thread's output buffer, reused: most values are written on a hot path, one per event or store write. */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(Output::new);
    /** A buffer grown beyond this by one large value is not kept for the next. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        final DataOutputStream data = new DataOutputStream(bytes);
        boolean inUse;
    }

    @Override
    public byte[] serialize(String topic, T value) {
        if (value == null) {
            return null;
        }
        Output output = OUTPUT.get();
        if (output.inUse) {
            output = new Output(); // a write that serializes another value through a serde of its own
        }
        output.inUse = true;
        try {
            output.bytes.reset();
            write(value, output.data);
            output.data.flush();
            byte[] written = output.bytes.toByteArray();
            if (written.length > KEPT_BUFFER_BYTES) {
                OUTPUT.remove();
            }
            return written;
        } catch (IOException e) {
            throw new SerializationException("cannot serialize " + value.getClass().getSimpleName(), e);
        } finally {
            output.inUse = false;
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
