package io.streamlytics.topology.applogs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.LogLevel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lines counted by level and by service. Counts of different buckets, partitions and instances add
 * up, so a busy app's counts are kept in parts and merged when asked for.
 */
@JsonPropertyOrder({"count", "by_level", "by_service"})
public final class LogCounts {
    private static final LogLevel[] LEVELS = LogLevel.values();

    final long[] levels;
    final TreeMap<String, Long> services;

    public LogCounts() {
        this(new long[LEVELS.length], new TreeMap<>());
    }

    LogCounts(long[] levels, TreeMap<String, Long> services) {
        this.levels = levels;
        this.services = services;
    }

    /** Reads counts as {@link #byLevel()} and {@link #byService()} write them, e.g. from another instance. */
    @JsonCreator
    static LogCounts read(@JsonProperty("by_level") Map<String, Long> byLevel, @JsonProperty("by_service") Map<String, Long> byService) {
        long[] levels = new long[LEVELS.length];
        byLevel.forEach((level, count) -> levels[LogLevel.valueOf(level).ordinal()] = count);
        return new LogCounts(levels, new TreeMap<>(byService));
    }

    public void add(AppLog log) {
        levels[log.level().ordinal()]++;
        services.merge(log.service(), 1L, Long::sum);
    }

    public void merge(LogCounts other) {
        for (int i = 0; i < levels.length; i++) {
            levels[i] += other.levels[i];
        }
        other.services.forEach((service, count) -> services.merge(service, count, Long::sum));
    }

    @JsonProperty(value = "count", access = JsonProperty.Access.READ_ONLY)
    public long count() {
        long total = 0;
        for (long count : levels) {
            total += count;
        }
        return total;
    }

    /** Every level, lowest severity first, zeros included. */
    @JsonProperty("by_level")
    public Map<String, Long> byLevel() {
        Map<String, Long> byLevel = new LinkedHashMap<>();
        for (LogLevel level : LEVELS) {
            byLevel.put(level.name(), levels[level.ordinal()]);
        }
        return byLevel;
    }

    /** Services by name. */
    @JsonProperty("by_service")
    public Map<String, Long> byService() {
        return new TreeMap<>(services);
    }
}
