package io.streamlytics.app.query;

import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.flyer.merchant.MerchantDailyReport;
import io.streamlytics.topology.flyer.merchant.MerchantChunk;
import io.streamlytics.topology.flyer.merchant.MerchantDayAggregate;
import io.streamlytics.topology.sketch.ChunkedUniqueCount;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.WindowKeyQuery;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /merchants/{merchant_id}/report}: one row per UTC day in [from, to] after {@code after}, read locally. */
public final class MerchantReportQuery {
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    private static final byte[][] NO_CHUNKS = new byte[ChunkedUniqueCount.CHUNKS][];

    /** Days in date order, and the date of the page's last day when there are more, else null. */
    public record Page(List<MerchantDailyReport> items, String next) {
    }

    private final LocalQueries reader;

    public MerchantReportQuery(LocalQueries reader) {
        this.reader = reader;
    }

    /** One page of days; {@code after} (a date, or null) is the last date of the previous page. */
    public Page read(String merchantId, LocalDate from, LocalDate to, LocalDate after, int limit,
                     int partition, boolean requireActive) {
        LocalDate first = after != null && !after.isBefore(from) ? after.plusDays(1) : from;
        List<MerchantDailyReport> rows = first.isAfter(to) ? List.of()
                : days(merchantId, startOf(first), startOf(to), partition, requireActive);
        if (rows.isEmpty() && reader.<MerchantDayAggregate, Long>read(FlyerPipeline.MERCHANT_REPORT_STORE, partition, merchantId,
                Instant.EPOCH, END_OF_TIME, requireActive, (dayStart, day) -> dayStart).isEmpty()) {
            throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.MERCHANT, merchantId);
        }
        List<MerchantDailyReport> page = rows.subList(0, Math.min(limit, rows.size()));
        return new Page(page, rows.size() > limit ? page.get(page.size() - 1).date() : null);
    }

    private List<MerchantDailyReport> days(String merchantId, Instant from, Instant to, int partition, boolean requireActive) {
        Map<Long, byte[][]> sketches = uniqueUserChunks(merchantId, from, to, partition, requireActive);
        return reader.<MerchantDayAggregate, MerchantDailyReport>read(FlyerPipeline.MERCHANT_REPORT_STORE, partition, merchantId,
                from, to, requireActive, (dayStart, day) -> day.toRow(merchantId, dayStart,
                        ChunkedUniqueCount.estimate(chunk -> sketches.getOrDefault(dayStart, NO_CHUNKS)[chunk])));
    }

    /** Each day's unique-users sketch chunks, by day start; a chunk never written is null. */
    private Map<Long, byte[][]> uniqueUserChunks(String merchantId, Instant from, Instant to, int partition, boolean requireActive) {
        Map<Long, byte[][]> days = new HashMap<>();
        for (int chunk = 0; chunk < ChunkedUniqueCount.CHUNKS; chunk++) {
            var request = StateQueryRequest.inStore(FlyerPipeline.MERCHANT_USERS_STORE)
                    .withQuery(WindowKeyQuery.<MerchantChunk, byte[]>withKeyAndWindowStartRange(new MerchantChunk(merchantId, chunk), from, to));
            try (WindowStoreIterator<byte[]> chunks = reader.readPartition(request, partition, requireActive)) {
                int index = chunk;
                chunks.forEachRemaining(day -> days.computeIfAbsent(day.key, d -> new byte[ChunkedUniqueCount.CHUNKS][])[index] = day.value);
            }
        }
        return days;
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
