package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.streamlytics.app.query.SparkJobQuery;
import io.streamlytics.topology.events.SparkEvent;
import io.streamlytics.topology.sparkjobs.SparkJobsPipeline;

import java.time.LocalDate;

/**
 * {@code GET /analytics/jobs/{job_id}} (simplified events' jobs), {@code GET /analytics/apps/{app_id}/jobs/{job_id}}
 * (jobs of Spark applications) and {@code GET /analytics/summary?date=}: each one key, read where it lives.
 */
public record SparkJobRoutes(KeyQueryHandler keyQueries, SparkJobQuery query) implements Routes {

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/analytics/jobs/{job_id}", ctx -> answerJob(ctx, ctx.pathParam("job_id")));
        config.routes.get("/analytics/apps/{app_id}/jobs/{job_id}", ctx ->
                answerJob(ctx, SparkEvent.jobKey(ctx.pathParam("app_id"), ctx.pathParam("job_id"))));
        config.routes.get("/analytics/summary", ctx -> {
            LocalDate date = QueryParams.requiredDate(ctx, "date");
            int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
            String after = ctx.queryParam("after");
            String position = after == null || after.isBlank() ? null : SparkJobQuery.positionOf(after).orElseThrow(() ->
                    ApiException.badParameter("after", "the 'next' cursor of a previous page", after));
            keyQueries.answer(ctx, SparkJobsPipeline.DAILY_SUMMARY_STORE, date.toString(),
                    (partition, requireActive) -> query.day(date, position, limit, partition, requireActive));
        });
    }

    private void answerJob(Context ctx, String jobKey) {
        keyQueries.answer(ctx, SparkJobsPipeline.JOBS_STORE, jobKey, (partition, requireActive) -> query.job(jobKey, partition, requireActive));
    }
}
