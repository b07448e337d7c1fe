package io.streamlytics.topology.flyer.merchant;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Format of {@link MerchantDelta} on the repartition topic by merchant. */
public final class MerchantDeltaSerde extends BinarySerde<MerchantDelta> {
    private static final int VERSION = 1;

    @Override
    protected void write(MerchantDelta delta, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeUTF(delta.merchantId());
        out.writeLong(delta.dayStart());
        out.writeUTF(delta.flyerId());
        writeNullableUtf(out, delta.userId());
        out.writeInt(delta.opens());
        out.writeInt(delta.sessions());
        out.writeLong(delta.sessionMs());
    }

    @Override
    protected MerchantDelta read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new MerchantDelta(in.readUTF(), in.readLong(), in.readUTF(), readNullableUtf(in), in.readInt(), in.readInt(),
                in.readLong());
    }
}
