package io.streamlytics.app.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.events.EventJson;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Realistic app-logs: a few apps of unequal volume, each with its services; mostly INFO and DEBUG,
 * some WARN, errors clustered on a flaky service; trace ids and metadata; on request out-of-order,
 * duplicate and bad records.
 */
public final class AppLogGenerator implements EventGenerator {
    private static final String[][] APPS = {
            {"checkout", "cart", "payments", "pricing"}, {"search", "query", "indexer"},
            {"auth", "login", "tokens"}, {"inventory", "stock", "warehouse"}};
    private static final String[] REGIONS = {"eu-west", "us-east", "ap-south"};
    private static final String[][] MESSAGES = {
            {"DEBUG", "cache hit for key %s"}, {"INFO", "request %s handled"}, {"INFO", "order %s created"},
            {"INFO", "user %s signed in"}, {"WARN", "slow downstream call, retrying %s"}, {"ERROR", "card declined for %s"},
            {"ERROR", "timeout calling %s"}, {"FATAL", "out of memory in worker %s"}};
    private static final String[] BAD_RECORDS = {
            "{\"app\":\"checkout\",\"message\":\"no level\"}",
            "{\"app\":\"checkout\",\"level\":\"LOUD\",\"message\":\"unknown level\"}",
            "{\"level\":\"INFO\",\"message\":\"no app\"}",
            "{\"app\":\"checkout\",\"level\":\"INFO\",\"message\":\"bad time\",\"timestamp\":\"yesterday\"}",
            "not json at all"};

    private final Random random;
    private final FaultShares shares;

    /** Shares are fractions 0..1 of the produced records. */
    public AppLogGenerator(long seed, double outOfOrder, double duplicates, double bad) {
        this.random = new Random(seed);
        this.shares = new FaultShares(outOfOrder, duplicates, bad);
    }

    @Override
    public List<String> live(long nowMs, long maxDisorderMs) {
        return shares.live(random, nowMs, maxDisorderMs, this::line, BAD_RECORDS);
    }

    private String line(long timestamp) {
        // the first apps are the busiest: the lower of two draws
        String[] app = APPS[Math.min(random.nextInt(APPS.length), random.nextInt(APPS.length))];
        String service = app[1 + random.nextInt(app.length - 1)];
        // the last service of each app is flaky: its messages lean to the error end
        int message = service.equals(app[app.length - 1]) && random.nextInt(4) == 0
                ? MESSAGES.length - 3 + random.nextInt(3)
                : Math.min(random.nextInt(MESSAGES.length), random.nextInt(MESSAGES.length - 1));
        ObjectNode event = EventJson.MAPPER.createObjectNode();
        event.put("timestamp", Instant.ofEpochMilli(timestamp).toString());
        event.put("app", app[0]);
        event.put("service", service);
        event.put("level", MESSAGES[message][0]);
        event.put("message", String.format(MESSAGES[message][1], Long.toHexString(random.nextInt() & 0xffffffL)));
        event.put("trace_id", Long.toHexString(random.nextLong()));
        event.putObject("metadata").put("region", REGIONS[random.nextInt(REGIONS.length)]);
        return event.toString();
    }
}
