package io.streamlytics.app.query;

import io.streamlytics.topology.apirequests.ApiRequestsPipeline;
import io.streamlytics.topology.apirequests.CustomerDailyStats;
import io.streamlytics.topology.apirequests.CustomerDayAggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** {@code GET /customers/{customer_id}/stats}: one row per UTC day in [from, to], read locally. */
public final class CustomerStatsQuery {
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final LocalQueries reader;

    public CustomerStatsQuery(LocalQueries reader) {
        this.reader = reader;
    }

    public List<CustomerDailyStats> read(String customerId, LocalDate from, LocalDate to, int partition, boolean requireActive) {
        List<CustomerDailyStats> rows = days(customerId, startOf(from), startOf(to), partition, requireActive);
        if (rows.isEmpty() && days(customerId, Instant.EPOCH, END_OF_TIME, partition, requireActive).isEmpty()) {
            throw new QueryFailure.UnknownKey(QueryFailure.UnknownKey.Kind.CUSTOMER, customerId);
        }
        return rows;
    }

    private List<CustomerDailyStats> days(String customerId, Instant from, Instant to, int partition, boolean requireActive) {
        return reader.<CustomerDayAggregate, CustomerDailyStats>read(ApiRequestsPipeline.DAILY_STATS_STORE, partition,
                customerId, from, to, requireActive, (dayStart, day) -> day.toRow(customerId, dayStart));
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
