package io.streamlytics.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (the Debian package) with a Lua script that picks one of the given paths at random, and reads its report. */
public final class Wrk {
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    /** Requests/s, latency percentiles in ms, and every request that failed (non-2xx or socket error). */
    public record Result(double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, long requests, long errors) {
    }

    private Wrk() {
    }

    public static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static Result run(String baseUrl, List<String> paths, int connections, int seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-", ".lua");
        try {
            StringBuilder lua = new StringBuilder("local paths = {\n");
            for (String path : paths) {
                lua.append("  \"").append(path.replace("\"", "\\\"")).append("\",\n");
            }
            lua.append("}\nmath.randomseed(42)\nrequest = function()\n")
                    .append("  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n");
            Files.writeString(script, lua, StandardCharsets.UTF_8);
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-s", script.toString(), baseUrl).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed: " + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static Result parse(String output) {
        double[] percentiles = new double[3];
        Matcher p = PERCENTILE.matcher(output);
        while (p.find()) {
            double value = Double.parseDouble(p.group(2)) * switch (p.group(3)) {
                case "us" -> 0.001;
                case "s" -> 1000;
                default -> 1;
            };
            percentiles[switch (p.group(1)) {
                case "50" -> 0;
                case "90" -> 1;
                default -> 2;
            }] = value;
        }
        long errors = find(NON_2XX, output, 1);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output: " + output);
        }
        return new Result(Double.parseDouble(rate.group(1)), percentiles[0], percentiles[1], percentiles[2],
                find(REQUESTS, output, 1), errors);
    }

    private static long find(Pattern pattern, String text, int group) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Long.parseLong(m.group(group)) : 0;
    }
}
