package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Job rows in a day's listing and in summary changes. */
public final class JobAnalyticsSerde extends BinarySerde<JobAnalytics> {
    private static final int VERSION = 1;

    @Override
    protected void write(JobAnalytics row, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        out.writeUTF(row.jobId());
        writeNullableUtf(out, row.appId());
        writeNullableUtf(out, row.user());
        out.writeUTF(row.status());
        writeNullableUtf(out, row.startTime());
        writeNullableUtf(out, row.endTime());
        writeNullableDouble(out, row.durationSeconds());
        out.writeLong(row.totalTasks());
        out.writeLong(row.failedTasks());
        out.writeLong(row.killedTasks());
        out.writeLong(row.successfulTasks());
        out.writeDouble(row.successRate());
        writeNullableDouble(out, row.taskDurationMs().p50());
        writeNullableDouble(out, row.taskDurationMs().p95());
        writeNullableDouble(out, row.taskDurationMs().max());
    }

    @Override
    protected JobAnalytics read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        return new JobAnalytics(in.readUTF(), readNullableUtf(in), readNullableUtf(in), in.readUTF(), readNullableUtf(in),
                readNullableUtf(in), readNullableDouble(in), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readDouble(),
                new JobAnalytics.TaskDurations(readNullableDouble(in), readNullableDouble(in), readNullableDouble(in)));
    }

    private static void writeNullableDouble(DataOutputStream out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static Double readNullableDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
