package io.streamlytics.app.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplaceDeadStreamThreadsTest {
    private final AtomicLong now = new AtomicLong();
    private final ReplaceDeadStreamThreads handler = new ReplaceDeadStreamThreads(3, Duration.ofMinutes(10), now::get);
    private final RuntimeException died = new IllegalStateException("store closed");

    @Test
    void replacesThreadsUntilTooManyDieWithinTheWindow() {
        assertEquals(REPLACE_THREAD, handler.handle(died));
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertEquals(REPLACE_THREAD, handler.handle(died));
        assertEquals(REPLACE_THREAD, handler.handle(died));
        assertEquals(SHUTDOWN_CLIENT, handler.handle(died));
    }

    @Test
    void deathsOlderThanTheWindowNoLongerCount() {
        for (int i = 0; i < 3; i++) {
            assertEquals(REPLACE_THREAD, handler.handle(died));
        }
        now.addAndGet(Duration.ofMinutes(10).toNanos() + 1);
        assertEquals(REPLACE_THREAD, handler.handle(died));
    }
}
