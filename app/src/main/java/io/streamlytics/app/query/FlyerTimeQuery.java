package io.streamlytics.app.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.streamlytics.topology.flyer.UserTotals;
import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.flyer.UserFlyerTime;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.query.KeyQuery;
import org.apache.kafka.streams.query.RangeQuery;
import org.apache.kafka.streams.query.StateQueryRequest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /users/{user_id}/flyer-time} (one user, read where it lives) and {@code GET /flyer-time}
 * (a page of all users, gathered from every instance). Users are ordered as the store orders them:
 * by the bytes of their UTF-8 id, which is code point order.
 */
public final class FlyerTimeQuery {
    public static final String PAGE_PATH = "/internal/flyer-time";

    /** One user on a page of {@code /flyer-time}. */
    public record Entry(@JsonProperty("user_id") String userId,
                        @JsonProperty("avg_time_on_flyer_per_user_hours") double avgTimeOnFlyerPerUserHours) {
    }


    private final LocalQueries reader;
    private final PartitionGatherer gatherer;

    public FlyerTimeQuery(LocalQueries reader, PartitionGatherer gatherer) {
        this.reader = reader;
        this.gatherer = gatherer;
    }

    public UserFlyerTime user(String userId, int partition, boolean requireActive) {
        UserTotals totals = reader.readPartition(StateQueryRequest.inStore(FlyerPipeline.USER_TIME_STORE)
                .withQuery(KeyQuery.<String, UserTotals>withKey(userId)), partition, requireActive);
        if (totals == null) {
            throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.USER, userId);
        }
        return UserFlyerTime.of(userId, totals.counts());
    }

    /** The first {@code limit} users after {@code after} (null: from the start) over every instance. */
    public List<Entry> page(String after, int limit) {
        String remote = PAGE_PATH + "?limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        List<Entry> merged = new ArrayList<>();
        gatherer.gather(() -> localPage(after, limit), remote, JsonParts.decoder(new TypeReference<PartitionGatherer.Part<List<Entry>>>() { })).forEach(merged::addAll);
        return firstInOrder(merged, limit);
    }

    /** This instance's part of a page: the first {@code limit} users after {@code after} in each active partition. */
    public PartitionGatherer.Part<List<Entry>> localPage(String after, int limit) {
        RangeQuery<String, UserTotals> range = after == null ? RangeQuery.withNoBounds() : RangeQuery.withLowerBound(after);
        var request = StateQueryRequest.inStore(FlyerPipeline.USER_TIME_STORE).withQuery(range);
        PartitionGatherer.Part<List<Entry>> part = reader.readActive(request, new ArrayList<>(), (users, entries) -> {
            int taken = 0;
            while (users.hasNext() && taken < limit) {
                KeyValue<String, UserTotals> user = users.next();
                if (!user.key.equals(after)) {
                    entries.add(new Entry(user.key, UserFlyerTime.of(user.key, user.value.counts()).avgTimeOnFlyerPerUserHours()));
                    taken++;
                }
            }
        });
        return new PartitionGatherer.Part<>(part.partitions(), firstInOrder(part.value(), limit));
    }

    private static List<Entry> firstInOrder(List<Entry> entries, int limit) {
        return entries.stream().sorted(Comparator.comparing(Entry::userId, StoreKeyOrder.UTF8)).limit(limit).toList();
    }

}
