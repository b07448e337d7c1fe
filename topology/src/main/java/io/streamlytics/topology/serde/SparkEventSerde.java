package io.streamlytics.topology.serde;

import io.streamlytics.topology.events.SparkEvent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Spark events on internal topics and in stores, told apart by a tag byte. */
public final class SparkEventSerde extends BinarySerde<SparkEvent> {
    private static final int VERSION = 1;

    @Override
    protected void write(SparkEvent event, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeLong(event.time());
        writeNullableUtf(out, event.appId());
        if (event instanceof SparkEvent.JobStart start) {
            out.writeByte('S');
            out.writeUTF(start.jobId());
            writeNullableUtf(out, start.user());
            out.writeInt(start.stageIds().size());
            for (int stage : start.stageIds()) {
                out.writeInt(stage);
            }
        } else if (event instanceof SparkEvent.TaskEnd task) {
            out.writeByte('T');
            writeNullableUtf(out, task.jobId());
            out.writeInt(task.stageId());
            out.writeUTF(task.taskId());
            out.writeInt(task.attempt());
            out.writeDouble(task.durationMs());
            out.writeByte(task.outcome().ordinal());
        } else if (event instanceof SparkEvent.JobEnd end) {
            out.writeByte('E');
            out.writeUTF(end.jobId());
            out.writeBoolean(end.failed());
        } else if (event instanceof SparkEvent.AppStart app) {
            out.writeByte('A');
            writeNullableUtf(out, app.user());
        } else if (event instanceof SparkEvent.JobUser user) {
            out.writeByte('U');
            out.writeUTF(user.jobId());
            out.writeUTF(user.user());
        } else {
            out.writeByte('I');
        }
    }

    @Override
    protected SparkEvent read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        long time = in.readLong();
        String appId = readNullableUtf(in);
        byte tag = in.readByte();
        return switch (tag) {
            case 'S' -> {
                String jobId = in.readUTF();
                String user = readNullableUtf(in);
                int stages = in.readInt();
                List<Integer> stageIds = new ArrayList<>(stages);
                for (int i = 0; i < stages; i++) {
                    stageIds.add(in.readInt());
                }
                yield new SparkEvent.JobStart(appId, jobId, time, user, List.copyOf(stageIds));
            }
            case 'T' -> new SparkEvent.TaskEnd(appId, readNullableUtf(in), in.readInt(), in.readUTF(), in.readInt(), in.readDouble(),
                    SparkEvent.Outcome.values()[in.readByte()], time);
            case 'E' -> new SparkEvent.JobEnd(appId, in.readUTF(), time, in.readBoolean());
            case 'A' -> new SparkEvent.AppStart(appId, time, readNullableUtf(in));
            case 'U' -> new SparkEvent.JobUser(appId, in.readUTF(), time, in.readUTF());
            case 'I' -> new SparkEvent.Ignored(appId, time);
            default -> throw new IOException("unknown spark event tag " + tag);
        };
    }
}
