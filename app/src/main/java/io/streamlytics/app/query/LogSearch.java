package io.streamlytics.app.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamlytics.topology.applogs.AppLogsPipeline;
import io.streamlytics.topology.applogs.FoundLine;
import io.streamlytics.topology.applogs.LogScan;
import io.streamlytics.topology.applogs.LogSearchQuery;
import io.streamlytics.topology.events.AppLog;
import io.streamlytics.topology.events.AppLogJson;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import java.util.List;

/**
 * {@code GET /apps/{app}/logs}: an app's lines are spread over buckets on every partition, so each
 * instance reads its partitions' newest matches (one page and one more line each), and the asker merges
 * them newest first. The extra line tells whether there is a next page; its cursor is the page's last position.
 * A scan that spends its budget ({@link LogScan}) ends the page early, and the cursor is where it stopped.
 */
public final class LogSearch {
    public static final String PATH = "/internal/app-logs/search";

    /** A page of lines, newest first, and the cursor of the next page or null. */
    public record Page(List<ObjectNode> items, String next) {
    }

    private final LocalStoreReader reader;
    private final PartitionGatherer gatherer;
    private final AppLogCounts counts;

    public LogSearch(LocalStoreReader reader, PartitionGatherer gatherer, AppLogCounts counts) {
        this.reader = reader;
        this.gatherer = gatherer;
        this.counts = counts;
    }

    public Page search(LogSearchQuery query) {
        List<LogScan.Result> parts = gatherer.gather(() -> searchLocal(query), PATH + "?" + parameters(query),
                JsonParts.decoder(new TypeReference<PartitionGatherer.Part<LogScan.Result>>() { }));
        LogScan.Result found = LogScan.Result.merge(parts, query.limit() + 1);
        List<FoundLine> newest = found.lines();
        if (newest.isEmpty() && found.stoppedAt() == null && query.after() == null) {
            counts.requireKnown(query.app());
        }
        List<FoundLine> page = newest.subList(0, Math.min(query.limit(), newest.size()));
        String next;
        if (newest.size() > query.limit()) {
            next = page.get(page.size() - 1).position().cursor();
        } else {
            // a scan spent its budget: the page holds what was found down to there, and the next one goes on below
            next = found.stoppedAt() == null ? null : found.stoppedAt().cursor();
        }
        return new Page(page.stream().map(line -> AppLogJson.write(line.line())).toList(), next);
    }

    public PartitionGatherer.Part<LogScan.Result> searchLocal(LogSearchQuery query) {
        var part = reader.readActive(AppLogsPipeline.SEARCH_STORE, QueryableStoreTypes.<String, List<AppLog>>windowStore(),
                (store, partition) -> List.of(LogScan.newest(store, query,
                        AppLogsPipeline.bucketsOn(query.app(), partition, reader.partitionCount()))));
        return new PartitionGatherer.Part<>(part.partitions(), LogScan.Result.merge(part.value(), query.limit() + 1));
    }

    /** The query as the parameters of the public route, which the internal route reads alike. */
    private static String parameters(LogSearchQuery query) {
        StringBuilder parameters = new StringBuilder("app=").append(AppLogCounts.encode(query.app()))
                .append("&from=").append(query.from()).append("&to=").append(query.to()).append("&limit=").append(query.limit());
        if (query.minLevel() != null) {
            parameters.append("&level=").append(query.minLevel());
        }
        if (query.service() != null) {
            parameters.append("&service=").append(AppLogCounts.encode(query.service()));
        }
        if (query.text() != null) {
            parameters.append("&q=").append(AppLogCounts.encode(query.text()));
        }
        if (query.after() != null) {
            parameters.append("&after=").append(query.after().cursor());
        }
        return parameters.toString();
    }
}
