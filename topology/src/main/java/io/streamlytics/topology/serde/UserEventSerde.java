package io.streamlytics.topology.serde;

import io.streamlytics.topology.events.UserEvent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

public final class UserEventSerde extends BinarySerde<UserEvent> {
    private static final int VERSION = 1;

    @Override
    protected void write(UserEvent event, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(event.timestamp());
        out.writeUTF(event.userId());
        out.writeUTF(event.event());
        writeNullableUtf(out, event.flyerId());
        writeNullableUtf(out, event.merchantId());
    }

    @Override
    protected UserEvent read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new UserEvent(in.readLong(), in.readUTF(), in.readUTF(), readNullableUtf(in), readNullableUtf(in));
    }
}
