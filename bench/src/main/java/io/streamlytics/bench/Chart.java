package io.streamlytics.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Line and bar charts drawn with Java2D and written as PNG by ImageIO: the JDK has all it takes,
 * so the benchmarks need no charting library (and run headless).
 */
public final class Chart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    /** One line: x and y of equal length. */
    public record Series(String name, double[] x, double[] y) {
        /** A line through the sampled points (x[i], y[i]). */
        public static Series of(String name, List<Double> x, List<Double> y) {
            return new Series(name, x.stream().mapToDouble(Double::doubleValue).toArray(),
                    y.stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    /** One group of bars sharing a label, one value per series name. */
    public record BarGroup(String label, double[] values) {
    }

    private Chart() {
    }

    public static void lines(Path file, String title, String xLabel, String yLabel, List<Series> series) {
        double maxX = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.x())).max().orElse(1);
        double maxY = series.stream().flatMapToDouble(s -> java.util.Arrays.stream(s.y())).max().orElse(1);
        Canvas canvas = new Canvas(title, xLabel, yLabel, niceCeiling(maxX), niceCeiling(maxY));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            canvas.g.setColor(PALETTE[i % PALETTE.length]);
            canvas.g.setStroke(new BasicStroke(2f));
            for (int p = 1; p < s.x().length; p++) {
                canvas.g.drawLine(canvas.px(s.x()[p - 1]), canvas.py(s.y()[p - 1]), canvas.px(s.x()[p]), canvas.py(s.y()[p]));
            }
            if (s.x().length == 1) {
                canvas.g.fillOval(canvas.px(s.x()[0]) - 3, canvas.py(s.y()[0]) - 3, 6, 6);
            }
            canvas.legend(i, s.name());
        }
        canvas.write(file);
    }

    /** Grouped bars: one group per label, one colour per entry of {@code seriesNames}. */
    public static void bars(Path file, String title, String yLabel, List<String> seriesNames, List<BarGroup> groups) {
        double maxY = groups.stream().flatMapToDouble(g -> java.util.Arrays.stream(g.values())).max().orElse(1);
        Canvas canvas = new Canvas(title, "", yLabel, groups.size(), niceCeiling(maxY));
        double slot = 1.0 / (seriesNames.size() + 1);
        for (int gi = 0; gi < groups.size(); gi++) {
            BarGroup group = groups.get(gi);
            for (int si = 0; si < group.values().length; si++) {
                canvas.g.setColor(PALETTE[si % PALETTE.length]);
                int x0 = canvas.px(gi + slot * (si + 0.5));
                int x1 = canvas.px(gi + slot * (si + 1.5));
                int y = canvas.py(group.values()[si]);
                canvas.g.fillRect(x0, y, Math.max(1, x1 - x0 - 2), canvas.py(0) - y);
                canvas.g.setColor(Color.DARK_GRAY);
                canvas.g.drawString(format(group.values()[si]), x0, y - 3);
            }
            canvas.g.setColor(Color.BLACK);
            canvas.g.drawString(group.label(), canvas.px(gi + 0.1), HEIGHT - BOTTOM + 18);
        }
        for (int si = 0; si < seriesNames.size(); si++) {
            canvas.g.setColor(PALETTE[si % PALETTE.length]);
            canvas.legend(si, seriesNames.get(si));
        }
        canvas.write(file);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        if (!(value > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Axes, ticks and labels over [0, maxX] × [0, maxY]. */
    private static final class Canvas {
        final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = image.createGraphics();
        final double maxX;
        final double maxY;

        Canvas(String title, String xLabel, String yLabel, double maxX, double maxY) {
            this.maxX = maxX;
            this.maxY = maxY;
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.setColor(Color.BLACK);
            g.drawString(title, LEFT, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int i = 0; i <= 5; i++) {
                int y = py(maxY * i / 5);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.BLACK);
                g.drawString(format(maxY * i / 5), 8, y + 4);
                if (!xLabel.isEmpty()) {
                    int x = px(maxX * i / 5);
                    g.drawString(format(maxX * i / 5), x - 10, HEIGHT - BOTTOM + 18);
                }
            }
            g.drawLine(LEFT, py(0), WIDTH - RIGHT, py(0));
            g.drawLine(LEFT, TOP, LEFT, py(0));
            g.drawString(xLabel, WIDTH / 2 - 40, HEIGHT - 15);
            g.drawString(yLabel, 8, TOP - 10);
        }

        int px(double x) {
            return LEFT + (int) Math.round(x / maxX * (WIDTH - LEFT - RIGHT));
        }

        int py(double y) {
            return HEIGHT - BOTTOM - (int) Math.round(y / maxY * (HEIGHT - TOP - BOTTOM));
        }

        void legend(int index, String name) {
            int y = TOP + 8 + index * 18;
            g.fillRect(WIDTH - RIGHT - 260, y - 9, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(name, WIDTH - RIGHT - 242, y + 2);
        }

        void write(Path file) {
            g.dispose();
            try {
                ImageIO.write(image, "png", file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
