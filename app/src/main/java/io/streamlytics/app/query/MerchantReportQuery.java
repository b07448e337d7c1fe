package io.streamlytics.app.query;

import io.streamlytics.app.http.ApiException;
import io.streamlytics.topology.flyer.FlyerPipeline;
import io.streamlytics.topology.flyer.merchant.MerchantDailyReport;
import io.streamlytics.topology.flyer.merchant.MerchantDayAggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /merchants/{merchant_id}/report}: one row per UTC day in [from, to] after {@code after}, read locally. */
public final class MerchantReportQuery {
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final LocalWindowReader reader;

    public MerchantReportQuery(LocalWindowReader reader) {
        this.reader = reader;
    }

    /** {@code {"items": [...], "next": date or null}}; {@code after} (a date, or null) is the last date of the previous page. */
    public Map<String, Object> read(String merchantId, LocalDate from, LocalDate to, LocalDate after, int limit,
                                    int partition, boolean requireActive) {
        LocalDate first = after != null && !after.isBefore(from) ? after.plusDays(1) : from;
        List<MerchantDailyReport> rows = first.isAfter(to) ? List.of()
                : days(merchantId, startOf(first), startOf(to), partition, requireActive);
        if (rows.isEmpty() && days(merchantId, Instant.EPOCH, END_OF_TIME, partition, requireActive).isEmpty()) {
            throw ApiException.notFound("unknown_merchant", "no flyer opens of merchant '" + merchantId + "' within the retention");
        }
        List<MerchantDailyReport> page = rows.subList(0, Math.min(limit, rows.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", page);
        body.put("next", rows.size() > limit ? page.get(page.size() - 1).date() : null);
        return body;
    }

    private List<MerchantDailyReport> days(String merchantId, Instant from, Instant to, int partition, boolean requireActive) {
        return reader.<MerchantDayAggregate, MerchantDailyReport>read(FlyerPipeline.MERCHANT_REPORT_STORE, partition, merchantId,
                from, to, requireActive, (dayStart, day) -> day.toRow(merchantId, dayStart));
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
