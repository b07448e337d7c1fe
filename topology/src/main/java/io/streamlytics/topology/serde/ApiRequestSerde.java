package io.streamlytics.topology.serde;

import io.streamlytics.topology.events.ApiRequest;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

public final class ApiRequestSerde extends BinarySerde<ApiRequest> {
    private static final int VERSION = 1;

    @Override
    protected void write(ApiRequest request, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(request.timestamp());
        out.writeUTF(request.customerId());
        out.writeUTF(request.method());
        out.writeUTF(request.path());
        out.writeShort(request.statusCode());
        out.writeDouble(request.durationMs());
        writeNullableUtf(out, request.requestId());
    }

    @Override
    protected ApiRequest read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new ApiRequest(in.readLong(), in.readUTF(), in.readUTF(), in.readUTF(), in.readShort(), in.readDouble(),
                readNullableUtf(in));
    }
}
