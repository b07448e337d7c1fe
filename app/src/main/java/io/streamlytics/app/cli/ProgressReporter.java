package io.streamlytics.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of a long command (generate, replay): on a terminal a bar redrawn in place with rate
 * and ETA; otherwise (a pipe, a log file, CI) a plain line every few seconds. Not thread-safe:
 * one producing thread calls {@link #advance}.
 */
public final class ProgressReporter {
    private static final int BAR_WIDTH = 30;
    private static final Duration TERMINAL_REDRAW = Duration.ofMillis(200);
    private static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final String unit;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private long total;
    private long done;
    private long startedAt;
    private long lastShownAt;

    ProgressReporter(PrintWriter out, String unit, boolean terminal, LongSupplier nanoClock) {
        this.out = out;
        this.unit = unit;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
    }

    /** A bar when this process writes to a terminal, plain lines otherwise. */
    public static ProgressReporter to(PrintWriter out, String unit) {
        return new ProgressReporter(out, unit, System.console() != null, System::nanoTime);
    }

    /** @param total how many units the work has, or 0 when unknown (no percentage or ETA then) */
    public void start(long total) {
        this.total = total;
        this.done = 0;
        this.startedAt = nanoClock.getAsLong();
        this.lastShownAt = startedAt;
    }

    public void advance(long units) {
        done += units;
        long now = nanoClock.getAsLong();
        if (now - lastShownAt >= (terminal ? TERMINAL_REDRAW : PLAIN_INTERVAL).toNanos()) {
            lastShownAt = now;
            show(now, false);
        }
    }

    /** The final line: how many, in how long, at what rate. */
    public void finish() {
        show(nanoClock.getAsLong(), true);
    }

    private void show(long now, boolean last) {
        double seconds = Math.max(1e-9, (now - startedAt) / 1e9);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder();
        if (last) {
            line.append(String.format("%,d %s in %.1f s (%,.0f/s)", done, unit, seconds, rate));
        } else {
            if (terminal && total > 0) {
                int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
                line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
            }
            line.append(String.format("%,d", done));
            if (total > 0) {
                line.append(String.format("/%,d %s (%d%%)", total, unit, 100 * done / total));
            } else {
                line.append(' ').append(unit);
            }
            line.append(String.format(", %,.0f/s", rate));
            if (total > 0 && rate > 0) {
                line.append(", ETA ").append(clock(Math.round((total - done) / rate)));
            }
        }
        if (terminal) {
            out.print("\r" + line + "\033[K" + (last ? "\n" : ""));
        } else {
            out.println(line);
        }
        out.flush();
    }

    private static String clock(long seconds) {
        return seconds >= 3600
                ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
