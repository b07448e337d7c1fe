package io.streamlytics.app.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressReporterTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    private ProgressReporter reporter(boolean terminal) {
        return new ProgressReporter(new PrintWriter(text), "events", terminal, nanos::get);
    }

    private void advanceSeconds(ProgressReporter progress, int seconds, int perSecond) {
        for (int s = 0; s < seconds; s++) {
            nanos.addAndGet(1_000_000_000L);
            progress.advance(perSecond);
        }
    }

    @Test
    void withoutATerminalAPlainLineEveryFiveSecondsWithRateAndEta() {
        ProgressReporter progress = reporter(false);
        progress.start(10_000);
        advanceSeconds(progress, 12, 500);
        progress.finish();
        String[] lines = text.toString().split("\n");
        assertEquals(3, lines.length, text.toString());
        assertEquals("2,500/10,000 events (25%), 500/s, ETA 0:15", lines[0]);
        assertEquals("5,000/10,000 events (50%), 500/s, ETA 0:10", lines[1]);
        assertEquals("6,000 events in 12.0 s (500/s)", lines[2]);
        assertTrue(!text.toString().contains("\r"), "no carriage returns in a log file");
    }

    @Test
    void onATerminalABarRedrawnInPlace() {
        ProgressReporter progress = reporter(true);
        progress.start(1000);
        advanceSeconds(progress, 1, 250);
        progress.finish();
        String shown = text.toString();
        assertTrue(shown.startsWith("\r[#######.......................] 250/1,000 events (25%), 250/s, ETA 0:03\033[K"), shown);
        assertTrue(shown.endsWith("\r250 events in 1.0 s (250/s)\033[K\n"), shown);
    }

    @Test
    void anUnknownTotalShowsCountAndRateOnly() {
        ProgressReporter progress = reporter(false);
        progress.start(0);
        advanceSeconds(progress, 5, 100);
        assertEquals("500 events, 100/s", text.toString().strip());
    }
}
