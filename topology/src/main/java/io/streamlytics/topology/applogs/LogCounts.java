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
 * up, so a busy app's counts are kept in parts and merged when asked for. A part names at most
 * {@link #MAX_SERVICES} services; lines of others are counted under {@link #OTHER_SERVICES}.
 */
@JsonPropertyOrder({"count", "by_level", "by_service"})
public final class LogCounts {
    private static final LogLevel[] LEVELS = LogLevel.values();
    /** The most services one stored value names (the contract's "no single value kept in a store may grow without bound"). */
    public static final int MAX_SERVICES = 100;
    /** The most characters of service names one stored value holds: at most 3 bytes each in UTF-8, well under a record's 1 MB. */
    public static final int MAX_SERVICE_CHARS = 32_768;
    /** Where the lines of services beyond those limits are counted. */
    public static final String OTHER_SERVICES = "(other services)";

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
        services.merge(hasRoomFor(log.service()) ? log.service() : OTHER_SERVICES, 1L, Long::sum);
    }

    /**
     * Whether a stored value may name this service: one already named, or a new one while the value holds fewer than
     * {@link #MAX_SERVICES} names of at most {@link #MAX_SERVICE_CHARS} in all. So an app's registry entry and a window's
     * counts stay small whatever names arrive; the rest are counted under {@link #OTHER_SERVICES}.
     */
    private boolean hasRoomFor(String service) {
        if (services.containsKey(service)) {
            return true;
        }
        int named = 0;
        long chars = service.length();
        for (String name : services.keySet()) {
            if (!name.equals(OTHER_SERVICES)) {
                named++;
                chars += name.length();
            }
        }
        return named < MAX_SERVICES && chars <= MAX_SERVICE_CHARS;
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
