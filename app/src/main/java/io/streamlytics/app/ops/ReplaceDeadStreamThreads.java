package io.streamlytics.app.ops;

import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * A stream thread that dies of an unexpected exception is replaced, instead of Kafka Streams' default of
 * shutting the whole client down (state ERROR, never ready again until restarted): Kafka Streams can throw
 * from its own task management (a store "currently closed" while it re-initialises a standby after a wipe,
 * RELIABILITY.md 4b), and one such error would otherwise stop the instance for good. Under exactly-once the dead thread's tasks are closed dirty and restored, so nothing is lost. An error that
 * recurs at once would replace threads forever, so past {@code maxReplacements} within {@code window} the
 * client is shut down after all.
 */
public final class ReplaceDeadStreamThreads implements StreamsUncaughtExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReplaceDeadStreamThreads.class);

    private final int maxReplacements;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private final Deque<Long> replacedAt = new ArrayDeque<>();

    public ReplaceDeadStreamThreads(int maxReplacements, Duration window, LongSupplier nanoClock) {
        this.maxReplacements = maxReplacements;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = nanoClock.getAsLong();
        while (!replacedAt.isEmpty() && now - replacedAt.peekFirst() > windowNanos) {
            replacedAt.removeFirst();
        }
        if (replacedAt.size() >= maxReplacements) {
            LOG.error("A stream thread died, the {}th within {}: shutting the streams client down", maxReplacements + 1,
                    Duration.ofNanos(windowNanos), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacedAt.addLast(now);
        LOG.error("A stream thread died; replacing it (its tasks are restored from their changelogs)", exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
