package io.streamlytics.topology.applogs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.topology.events.AppLog;

import java.time.Instant;

/** What one partition has seen of an app since its first line: event-time bounds and counts. Parts merge. */
public final class AppSeen {
    private long firstSeen;
    private long lastSeen;
    private final LogCounts counts;

    public AppSeen() {
        this(Long.MAX_VALUE, Long.MIN_VALUE, new LogCounts());
    }

    @JsonCreator
    AppSeen(@JsonProperty("first_seen") long firstSeen, @JsonProperty("last_seen") long lastSeen,
            @JsonProperty("counts") LogCounts counts) {
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.counts = counts;
    }

    public void add(AppLog log) {
        firstSeen = Math.min(firstSeen, log.timestamp());
        lastSeen = Math.max(lastSeen, log.timestamp());
        counts.add(log);
    }

    public void merge(AppSeen other) {
        firstSeen = Math.min(firstSeen, other.firstSeen);
        lastSeen = Math.max(lastSeen, other.lastSeen);
        counts.merge(other.counts);
    }

    @JsonProperty("first_seen")
    public long firstSeen() {
        return firstSeen;
    }

    @JsonProperty("last_seen")
    public long lastSeen() {
        return lastSeen;
    }

    @JsonProperty("counts")
    public LogCounts counts() {
        return counts;
    }

    public AppSummary toSummary(String app) {
        return new AppSummary(app, Instant.ofEpochMilli(firstSeen).toString(), Instant.ofEpochMilli(lastSeen).toString(), counts);
    }
}
