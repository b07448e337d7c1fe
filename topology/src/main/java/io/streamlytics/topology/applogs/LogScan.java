package io.streamlytics.topology.applogs;

import io.streamlytics.topology.events.AppLog;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.IntPredicate;

/**
 * Reads one partition's search store for a query: each bucket backwards in time, stopping once it has
 * one more match than the page needs (the extra one says whether there is a next page), or once it has
 * read its budget of characters, so that no query, however rare its text, reads an app's whole history.
 */
public final class LogScan {
    /** What a bucket's scan may read for one page; a line costs its message length, at least {@link #MIN_LINE_COST}. */
    public static final long CHARACTERS_PER_BUCKET = 2_000_000;
    static final int MIN_LINE_COST = 64;

    private LogScan() {
    }

    /**
     * The newest matches found, newest first, at most {@code limit + 1}; and where a scan stopped on its budget, or
     * null. Only matches at or after {@code stoppedAt} are kept: every bucket was read down to there, so those are
     * exactly the newest matches of that part of the range, and the next page continues below it.
     */
    public record Result(List<FoundLine> lines, LogPosition stoppedAt) {

        public static Result merge(List<Result> results, int wanted) {
            LogPosition stoppedAt = results.stream().map(Result::stoppedAt).filter(Objects::nonNull)
                    .max(Comparator.naturalOrder()).orElse(null);
            List<FoundLine> lines = results.stream().flatMap(result -> result.lines().stream())
                    .filter(line -> stoppedAt == null || line.position().compareTo(stoppedAt) >= 0).toList();
            return new Result(FoundLine.newest(lines, wanted), stoppedAt);
        }
    }

    /** The buckets held by this store, read for {@code query} with a budget of {@code charactersPerBucket} each. */
    public static Result newest(ReadOnlyWindowStore<String, List<AppLog>> store, LogSearchQuery query, IntPredicate bucketHeld,
                                long charactersPerBucket) {
        if (query.upTo().isBefore(query.from())) {
            return new Result(List.of(), null);
        }
        List<Result> buckets = new ArrayList<>();
        BiPredicate<LogPosition, AppLog> matches = query.matcher();
        for (int bucket = 0; bucket < AppLogsPipeline.BUCKETS; bucket++) {
            if (bucketHeld.test(bucket)) {
                buckets.add(scan(store, query, matches, bucket, charactersPerBucket));
            }
        }
        return Result.merge(buckets, query.limit() + 1);
    }

    public static Result newest(ReadOnlyWindowStore<String, List<AppLog>> store, LogSearchQuery query, IntPredicate bucketHeld) {
        return newest(store, query, bucketHeld, CHARACTERS_PER_BUCKET);
    }

    private static Result scan(ReadOnlyWindowStore<String, List<AppLog>> store, LogSearchQuery query,
                               BiPredicate<LogPosition, AppLog> matches, int bucket, long budget) {
        List<FoundLine> found = new ArrayList<>();
        int wanted = query.limit() + 1;
        long spent = 0;
        try (WindowStoreIterator<List<AppLog>> entries = store.backwardFetch(AppLogsPipeline.key(query.app(), bucket),
                query.from(), query.upTo())) {
            while (entries.hasNext() && found.size() < wanted) {
                KeyValue<Long, List<AppLog>> entry = entries.next();
                for (int index = entry.value.size() - 1; index >= 0 && found.size() < wanted; index--) {
                    var position = new LogPosition(entry.key, bucket, index);
                    AppLog log = entry.value.get(index);
                    if (matches.test(position, log)) {
                        found.add(new FoundLine(position, log));
                    }
                    spent += Math.max(MIN_LINE_COST, log.message().length());
                    if (spent >= budget && found.size() < wanted && (index > 0 || entries.hasNext())) {
                        return new Result(found, position);
                    }
                }
            }
        }
        return new Result(found, null);
    }
}
