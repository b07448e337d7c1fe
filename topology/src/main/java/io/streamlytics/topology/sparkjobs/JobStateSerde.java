package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.serde.BinarySerde;
import io.streamlytics.topology.sketch.DurationSummary;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** A job's state in its store: counts, times, and the task-duration sketch in DDSketch's own encoding. */
final class JobStateSerde extends BinarySerde<JobState> {
    private static final int VERSION = 1;

    @Override
    protected void write(JobState job, DataOutputStream out) throws IOException {
        out.writeByte(VERSION);
        writeNullableUtf(out, job.appId);
        out.writeUTF(job.jobId);
        writeNullableUtf(out, job.user);
        out.writeLong(job.startTime);
        out.writeLong(job.endTime);
        out.writeBoolean(job.failed);
        out.writeLong(job.totalTasks);
        out.writeLong(job.failedTasks);
        out.writeLong(job.killedTasks);
        out.writeLong(job.lastEventTime);
        job.durations.write(out);
    }

    @Override
    protected JobState read(DataInputStream in) throws IOException {
        expectVersion(in, VERSION);
        JobState job = new JobState(readNullableUtf(in), in.readUTF());
        job.user = readNullableUtf(in);
        job.startTime = in.readLong();
        job.endTime = in.readLong();
        job.failed = in.readBoolean();
        job.totalTasks = in.readLong();
        job.failedTasks = in.readLong();
        job.killedTasks = in.readLong();
        job.lastEventTime = in.readLong();
        job.durations = DurationSummary.read(in);
        return job;
    }
}
