package io.streamlytics.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each benchmark at a tiny size, so that none can rot: it must finish, pass its own checks (e.g. the
 * daily counts add up to what was loaded), and write its figures and readable PNG charts.
 */
class BenchSmokeIntegrationTest {
    @TempDir
    Path out;

    @Test
    void throughput() throws IOException {
        run("throughput", "--events", "3000", "--customers", "30", "--runs", "1", "--stream-threads", "1,2");
        assertTrue(figures("throughput").contains("ratio app/raw"), figures("throughput"));
        assertChart("throughput-over-time.png");
    }

    @Test
    void queries() throws IOException {
        assumeTrue(Wrk.installed(), "wrk is not installed");
        run("queries", "--events", "2000", "--customers", "40", "--seconds", "2", "--runs", "1");
        String figures = figures("queries");
        assertTrue(figures.contains("stats, one instance") && figures.contains("keys owned by the first"), figures);
        assertTrue(figures.contains("stats, forwarded") || figures.contains("stats, local keys"), figures);
        assertChart("queries-requests.png");
        assertChart("queries-latency.png");
    }

    @Test
    void freshness() throws IOException {
        run("freshness", "--rate", "500", "--seconds", "4", "--customers", "20");
        assertTrue(figures("freshness").contains("probes after"), figures("freshness"));
        assertChart("freshness-over-time.png");
    }

    @Test
    void recovery() throws IOException {
        run("recovery", "--events", "2000", "--customers", "40", "--runs", "1");
        String figures = figures("recovery");
        assertTrue(figures.contains("one instance, no standby") && figures.contains("survivor answering every key"), figures);
        assertChart("recovery-times.png");
    }

    @Test
    void memory() throws IOException {
        run("memory", "--customers", "500", "--api-requests", "1000", "--user-events", "2000");
        String figures = figures("memory");
        assertTrue(figures.contains("resident set: peak") && figures.contains("state on disk"), figures);
        assertChart("memory-over-time.png");
    }

    private void run(String... args) {
        String[] withOut = new String[args.length + 2];
        System.arraycopy(args, 0, withOut, 0, args.length);
        withOut[args.length] = "--out";
        withOut[args.length + 1] = out.toString();
        assertEquals(0, new CommandLine(new BenchMain()).execute(withOut), "exit code of bench " + String.join(" ", args));
    }

    private String figures(String name) throws IOException {
        return Files.readString(out.resolve(name + ".txt"));
    }

    private void assertChart(String file) throws IOException {
        BufferedImage image = ImageIO.read(out.resolve(file).toFile());
        assertNotNull(image, file + " is not a readable PNG");
        assertTrue(image.getWidth() > 100 && image.getHeight() > 100, file);
    }
}
