package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** What the job processor sends on: a job's new analytics for job-analytics, or a change to a day's summary. */
public sealed interface JobOutput permits JobOutput.Analytics, JobOutput.SummaryChange {

    /** The job's analytics after a change; null when the job was forgotten (a tombstone for the compacted topic). */
    record Analytics(JobAnalytics row) implements JobOutput {
    }

    /**
     * A job's row in one day's summary before and after a change: {@code before} null when the job joins the
     * day, {@code after} null when it leaves it (its start moved to another day).
     */
    record SummaryChange(JobAnalytics before, JobAnalytics after) implements JobOutput {
    }

    final class SummaryChangeSerde extends BinarySerde<SummaryChange> {
        private static final int VERSION = 1;
        private final JobAnalyticsSerde rows = new JobAnalyticsSerde();

        @Override
        protected void write(SummaryChange change, DataOutputStream out) throws IOException {
            out.writeByte(VERSION);
            writeRow(change.before(), out);
            writeRow(change.after(), out);
        }

        @Override
        protected SummaryChange read(DataInputStream in) throws IOException {
            expectVersion(in, VERSION);
            return new SummaryChange(readRow(in), readRow(in));
        }

        private void writeRow(JobAnalytics row, DataOutputStream out) throws IOException {
            out.writeBoolean(row != null);
            if (row != null) {
                rows.write(row, out);
            }
        }

        private JobAnalytics readRow(DataInputStream in) throws IOException {
            return in.readBoolean() ? rows.read(in) : null;
        }
    }
}
