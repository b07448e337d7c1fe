package io.streamlytics.app.http;

import io.streamlytics.app.query.JsonParts;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.streamlytics.app.query.FlyerTimeQuery;
import io.streamlytics.app.query.MerchantReportQuery;
import io.streamlytics.topology.flyer.FlyerPipeline;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * {@code /users/{user_id}/flyer-time} and {@code /merchants/{merchant_id}/report} (one key, read where
 * it lives), {@code /flyer-time} (a page gathered from every instance), and the internal route that
 * answers this instance's part of a page.
 */
public record FlyerRoutes(KeyQueryHandler keyQueries, FlyerTimeQuery flyerTime, MerchantReportQuery merchantReport) implements Routes {
    private static final int MAX_DAYS_PER_QUERY = 366;

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/users/{user_id}/flyer-time", ctx -> {
            String userId = ctx.pathParam("user_id");
            keyQueries.answer(ctx, FlyerPipeline.USER_TIME_STORE, userId,
                    (partition, requireActive) -> flyerTime.user(userId, partition, requireActive));
        });
        config.routes.get("/flyer-time", ctx -> Json.reply(ctx, 200, flyerTime.page(after(ctx), limit(ctx))));
        config.routes.get(FlyerTimeQuery.PAGE_PATH, ctx -> ctx.contentType("application/json")
                .result(JsonParts.encode(flyerTime.localPage(after(ctx), limit(ctx)))));
        config.routes.get("/merchants/{merchant_id}/report", ctx -> {
            String merchantId = ctx.pathParam("merchant_id");
            LocalDate from = QueryParams.requiredDate(ctx, "from");
            LocalDate to = QueryParams.optionalDate(ctx, "to", from);
            if (to.isBefore(from)) {
                throw ApiException.badParameter("to", "on or after from (" + from + ")", to.toString());
            }
            if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS_PER_QUERY) {
                throw ApiException.badParameter("to", "at most " + MAX_DAYS_PER_QUERY + " days after from", to.toString());
            }
            LocalDate after = QueryParams.optionalDate(ctx, "after", null);
            int limit = limit(ctx);
            keyQueries.answer(ctx, FlyerPipeline.MERCHANT_REPORT_STORE, merchantId, (partition, requireActive) ->
                    merchantReport.read(merchantId, from, to, after, limit, partition, requireActive));
        });
    }

    private static int limit(Context ctx) {
        return QueryParams.integer(ctx, "limit", 100, 1, 1000);
    }

    private static String after(Context ctx) {
        String after = ctx.queryParam("after");
        return after == null || after.isEmpty() ? null : after;
    }
}
