package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Key of one chunk of a merchant's unique-users sketch; the window is the day. */
public record MerchantChunk(String merchantId, int chunk) {

    public static final class Serde extends BinarySerde<MerchantChunk> {
        private static final int VERSION = 1;

        @Override
        protected void write(MerchantChunk key, DataOutputStream out) throws IOException {
            out.writeByte(VERSION);
            out.writeUTF(key.merchantId());
            out.writeShort(key.chunk());
        }

        @Override
        protected MerchantChunk read(DataInputStream in) throws IOException {
            expectVersion(in, VERSION);
            return new MerchantChunk(in.readUTF(), in.readShort());
        }
    }
}
