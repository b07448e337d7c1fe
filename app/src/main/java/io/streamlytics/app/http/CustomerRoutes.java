package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.streamlytics.app.query.CustomerStatsQuery;
import io.streamlytics.topology.apirequests.ApiRequestsPipeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** {@code GET /customers/{customer_id}/stats}: one customer's days, read where the customer lives. */
public record CustomerRoutes(KeyQueryHandler keyQueries, CustomerStatsQuery customerStats) implements Routes {
    private static final int MAX_DAYS_PER_QUERY = 366;

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/customers/{customer_id}/stats", ctx -> {
            String customerId = ctx.pathParam("customer_id");
            LocalDate from = QueryParams.requiredDate(ctx, "from");
            LocalDate to = QueryParams.optionalDate(ctx, "to", from);
            if (to.isBefore(from)) {
                throw ApiException.badParameter("to", "on or after from (" + from + ")", to.toString());
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS_PER_QUERY) {
                throw ApiException.badParameter("to", "at most " + MAX_DAYS_PER_QUERY + " days after from", to.toString());
            }
            keyQueries.answer(ctx, ApiRequestsPipeline.DAILY_STATS_STORE, customerId,
                    (partition, requireActive) -> customerStats.read(customerId, from, to, partition, requireActive));
        });
    }
}
