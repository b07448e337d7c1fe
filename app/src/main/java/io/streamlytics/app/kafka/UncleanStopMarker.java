package io.streamlytics.app.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a start after a crash from a start after a clean stop. Under exactly-once without transactional stores
 * (which {@link KafkaClients} enforces), an instance that stopped without closing leaves every store it had open
 * marked open, possibly holding writes of transactions that aborted: Kafka Streams wipes each such store and
 * restores it from its changelog. It finds that out store by store, opening every task's stores twice (at start,
 * and again once the tasks are assigned) before it wipes them, seconds that an instance which knows it crashed can
 * skip by wiping its local state at once ({@code KafkaStreams.cleanUp()}).
 *
 * <p>The marker is a file beside the state of one application id, present while the instance runs, removed once
 * Kafka Streams has closed cleanly. Its absence says nothing (a first start, or state left by a version without the
 * marker), and the state is then left to Kafka Streams to judge.
 */
public final class UncleanStopMarker {
    private final Path file;
    private volatile boolean markedByThisRun;

    private UncleanStopMarker(Path file) {
        this.file = file;
    }

    /** The marker of {@code applicationId}'s state under {@code stateDir}. */
    public static UncleanStopMarker of(Path stateDir, String applicationId) {
        return new UncleanStopMarker(stateDir.resolve(applicationId + ".running"));
    }

    /** True when an instance ran on this state and did not close cleanly. */
    public boolean previousRunStoppedUncleanly() {
        return Files.exists(file);
    }

    /** Marks the state in use: from now until {@link #closedCleanly()}, a stop is a crash. */
    public void running() {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            markedByThisRun = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the state in " + file.getParent() + " as in use (" + file + ")", e);
        }
    }

    /**
     * Kafka Streams closed cleanly: its stores are closed and checkpointed, and the next start may use them. A marker
     * this run did not set (a start that failed before {@link #running()}) stays for the next start to act on.
     */
    public void closedCleanly() {
        if (!markedByThisRun) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + " after a clean close", e);
        }
    }

    public Path file() {
        return file;
    }
}
