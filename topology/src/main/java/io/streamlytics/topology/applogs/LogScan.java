package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Reads one partition's search store for a query: each bucket backwards in time, stopping once it has
 * one more match than the page needs (the extra one says whether there is a next page).
 */
public final class LogScan {
    private LogScan() {
    }

    /** The newest matches of the buckets held by this store, newest first, at most {@code limit + 1}. */
    public static List<FoundLine> newest(ReadOnlyWindowStore<String, List<AppLog>> store, LogSearchQuery query,
                                         IntPredicate bucketHeld) {
        if (query.upTo().isBefore(query.from())) {
            return List.of();
        }
        List<FoundLine> found = new ArrayList<>();
        for (int bucket = 0; bucket < AppLogsPipeline.BUCKETS; bucket++) {
            if (bucketHeld.test(bucket)) {
                scan(store, query, bucket, found);
            }
        }
        return FoundLine.newest(found, query.limit() + 1);
    }

    private static void scan(ReadOnlyWindowStore<String, List<AppLog>> store, LogSearchQuery query, int bucket, List<FoundLine> found) {
        int wanted = found.size() + query.limit() + 1;
        try (WindowStoreIterator<List<AppLog>> entries = store.backwardFetch(AppLogsPipeline.key(query.app(), bucket),
                query.from(), query.upTo())) {
            while (entries.hasNext() && found.size() < wanted) {
                KeyValue<Long, List<AppLog>> entry = entries.next();
                for (int index = entry.value.size() - 1; index >= 0 && found.size() < wanted; index--) {
                    var position = new LogPosition(entry.key, bucket, index);
                    AppLog log = entry.value.get(index);
                    if (query.matches(position, log)) {
                        found.add(new FoundLine(position, log));
                    }
                }
            }
        }
    }
}
