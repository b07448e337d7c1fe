package io.streamlytics.app.query;

import com.fasterxml.jackson.core.type.TypeReference;
import io.streamlytics.topology.applogs.AppLogStats;
import io.streamlytics.topology.applogs.AppLogsPipeline;
import io.streamlytics.topology.applogs.AppSeen;
import io.streamlytics.topology.applogs.LogCounts;
import io.streamlytics.topology.TimeWindow;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * App log stats and the apps registry. Both are kept in parts (per bucket, per partition), so both
 * gather the parts of every partition from every instance and merge them.
 */
public final class AppLogCounts {
    public static final String STATS_PATH = "/internal/app-logs/stats";
    public static final String APPS_PATH = "/internal/app-logs/apps";

    /** One bucket's part of a window. */
    public record WindowPart(long windowStart, LogCounts counts) {
    }

    /** What one partition has seen of an app. */
    public record AppPart(String app, AppSeen seen) {
    }

    private final LocalStoreReader reader;
    private final PartitionGatherer gatherer;

    public AppLogCounts(LocalStoreReader reader, PartitionGatherer gatherer) {
        this.reader = reader;
        this.gatherer = gatherer;
    }

    /** One app's windows starting in [from, to], oldest first. */
    public List<AppLogStats> stats(String app, TimeWindow window, Instant from, Instant to) {
        String remote = STATS_PATH + "?app=" + encode(app) + "&window=" + window.label() + "&from=" + from + "&to=" + to;
        TreeMap<Long, LogCounts> merged = new TreeMap<>();
        for (List<WindowPart> part : gatherer.gather(() -> statsLocal(app, window, from, to), remote,
                JsonParts.decoder(new TypeReference<PartitionGatherer.Part<List<WindowPart>>>() { }))) {
            part.forEach(bucket -> merged.computeIfAbsent(bucket.windowStart(), start -> new LogCounts()).merge(bucket.counts()));
        }
        return merged.entrySet().stream().map(entry -> AppLogStats.of(app, window, entry.getKey(), entry.getValue())).toList();
    }

    public PartitionGatherer.Part<List<WindowPart>> statsLocal(String app, TimeWindow window, Instant from, Instant to) {
        return reader.readActive(AppLogsPipeline.store(window), QueryableStoreTypes.<String, LogCounts>windowStore(), (store, partition) -> {
            List<WindowPart> windows = new ArrayList<>();
            IntPredicate here = AppLogsPipeline.bucketsOn(app, partition, reader.partitionCount());
            for (int bucket = 0; bucket < AppLogsPipeline.BUCKETS; bucket++) {
                if (here.test(bucket)) {
                    try (var iterator = store.fetch(AppLogsPipeline.key(app, bucket), from, to)) {
                        iterator.forEachRemaining(kv -> windows.add(new WindowPart(kv.key, kv.value)));
                    }
                }
            }
            return windows;
        });
    }

    /** Every app seen, by name; only {@code app} when it is not null. */
    public TreeMap<String, AppSeen> apps(String app) {
        return gatherApps(app, null, Integer.MAX_VALUE);
    }

    /**
     * The first {@code count} apps after {@code after} (null: from the first), by name. Each partition sends only
     * its first {@code count}: an app among the first {@code count} of all is among the first of every partition that
     * has seen it, so its parts are all here.
     */
    public List<Map.Entry<String, AppSeen>> appsAfter(String after, int count) {
        return gatherApps(null, after, count).entrySet().stream().limit(count).toList();
    }

    private TreeMap<String, AppSeen> gatherApps(String app, String after, int count) {
        StringBuilder remote = new StringBuilder(APPS_PATH).append("?limit=").append(count);
        if (app != null) {
            remote.append("&app=").append(encode(app));
        }
        if (after != null) {
            remote.append("&after=").append(encode(after));
        }
        TreeMap<String, AppSeen> merged = new TreeMap<>(StoreKeyOrder.UTF8);
        for (List<AppPart> part : gatherer.gather(() -> appsLocal(app, after, count), remote.toString(),
                JsonParts.decoder(new TypeReference<PartitionGatherer.Part<List<AppPart>>>() { }))) {
            part.forEach(seen -> merged.computeIfAbsent(seen.app(), name -> new AppSeen()).merge(seen.seen()));
        }
        return merged;
    }

    /** Per partition: {@code app} only, or else the first {@code count} apps after {@code after}. */
    public PartitionGatherer.Part<List<AppPart>> appsLocal(String app, String after, int count) {
        return reader.readActive(AppLogsPipeline.REGISTRY_STORE, QueryableStoreTypes.<String, AppSeen>keyValueStore(),
                (ReadOnlyKeyValueStore<String, AppSeen> store, int partition) -> {
                    List<AppPart> apps = new ArrayList<>();
                    try (var iterator = app != null ? store.range(app, app) : store.range(after, null)) {
                        while (iterator.hasNext() && apps.size() < count) {
                            var kv = iterator.next();
                            if (!kv.key.equals(after)) {
                                apps.add(new AppPart(kv.key, kv.value));
                            }
                        }
                    }
                    return apps;
                });
    }

    /** Fails as an unknown key unless some partition has seen a line of {@code app}. */
    public void requireKnown(String app) {
        if (apps(app).isEmpty()) {
            throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.APP, app);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
