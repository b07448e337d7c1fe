package io.streamlytics.topology.sparkjobs;

import io.streamlytics.topology.serde.BinarySerde;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** What the stage resolver keeps of one application: its user (from SparkListenerApplicationStart) and newest event time. */
record SparkApp(String user, long lastEventTime) {
    static final SparkApp UNKNOWN = new SparkApp(null, Long.MIN_VALUE);

    SparkApp withUser(String newUser) {
        return new SparkApp(newUser, lastEventTime);
    }

    SparkApp seenAt(long time) {
        return time > lastEventTime ? new SparkApp(user, time) : this;
    }

    static final class Serde extends BinarySerde<SparkApp> {
        private static final int VERSION = 1;

        @Override
        protected void write(SparkApp app, DataOutputStream out) throws IOException {
            out.writeByte(VERSION);
            writeNullableUtf(out, app.user);
            out.writeLong(app.lastEventTime);
        }

        @Override
        protected SparkApp read(DataInputStream in) throws IOException {
            expectVersion(in, VERSION);
            return new SparkApp(readNullableUtf(in), in.readLong());
        }
    }
}
