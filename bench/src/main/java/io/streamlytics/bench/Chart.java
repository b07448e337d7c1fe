package io.streamlytics.bench;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The benchmarks' charts, drawn by JFreeChart and written as PNG (headless). */
public final class Chart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

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
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series line : series) {
            // the same name twice (two runs of one setting) would be refused as one series key
            XYSeries points = new XYSeries(uniqueKey(data, line.name()), false, true);
            for (int i = 0; i < line.x().length; i++) {
                points.add(line.x()[i], line.y()[i]);
            }
            data.addSeries(points);
        }
        write(file, ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false));
    }

    /** Grouped bars: one group per label, one colour per entry of {@code seriesNames}. */
    public static void bars(Path file, String title, String yLabel, List<String> seriesNames, List<BarGroup> groups) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (BarGroup group : groups) {
            for (int i = 0; i < seriesNames.size(); i++) {
                data.addValue(group.values()[i], seriesNames.get(i), group.label());
            }
        }
        write(file, ChartFactory.createBarChart(title, "", yLabel, data, PlotOrientation.VERTICAL, true, false, false));
    }

    private static String uniqueKey(XYSeriesCollection data, String name) {
        String key = name;
        for (int copy = 2; data.getSeriesIndex(key) >= 0; copy++) {
            key = name + " (" + copy + ")";
        }
        return key;
    }

    private static void write(Path file, JFreeChart chart) {
        try {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file, e);
        }
    }
}
