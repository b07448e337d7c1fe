package io.streamlytics.topology.serde;

import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BinarySerdeTest {
    private static final class Text extends BinarySerde<String> {
        @Override
        protected void write(String value, DataOutputStream out) throws IOException {
            out.writeInt(value.length());
            out.writeChars(value);
        }

        @Override
        protected String read(DataInputStream in) throws IOException {
            char[] chars = new char[in.readInt()];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = in.readChar();
            }
            return new String(chars);
        }
    }

    /** Writes its value's text serialized by another serde, as bytes inside its own: a write within a write. */
    private static final class Wrapped extends BinarySerde<String> {
        private final Text inner = new Text();

        @Override
        protected void write(String value, DataOutputStream out) throws IOException {
            byte[] bytes = inner.serialize("t", value);
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        @Override
        protected String read(DataInputStream in) throws IOException {
            return inner.deserialize("t", in.readNBytes(in.readInt()));
        }
    }

    @Test
    void aSerializerCalledWhileAnotherWritesOnTheSameThreadKeepsBothValuesApart() {
        Wrapped serde = new Wrapped();
        assertEquals("outer and inner", serde.deserialize("t", serde.serialize("t", "outer and inner")));
    }

    @Test
    void eachValueIsWrittenAloneAfterLargerAndSmallerOnes() {
        Text serde = new Text();
        String large = "x".repeat(100_000);
        assertEquals(large, serde.deserialize("t", serde.serialize("t", large)));
        assertEquals("ab", serde.deserialize("t", serde.serialize("t", "ab")));
        assertEquals(4 + 2 * 3, serde.serialize("t", "abc").length);
    }
}
