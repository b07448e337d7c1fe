package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.streamlytics.app.query.KeyQueryRouter;
import io.streamlytics.app.query.SparkJobQuery;
import io.streamlytics.topology.events.SparkEvent;
import io.streamlytics.topology.sparkjobs.SparkJobsPipeline;

import java.time.LocalDate;

/**
 * {@code GET /analytics/jobs/{job_id}} (simplified events' jobs), {@code GET /analytics/apps/{app_id}/jobs/{job_id}}
 * (jobs of Spark applications) and {@code GET /analytics/summary?date=}: each one key, read where it lives.
 */
public record SparkJobRoutes(KeyQueryRouter router, SparkJobQuery query) implements Routes {

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/analytics/jobs/{job_id}", ctx -> answerJob(ctx, ctx.pathParam("job_id")));
        config.routes.get("/analytics/apps/{app_id}/jobs/{job_id}", ctx ->
                answerJob(ctx, SparkEvent.jobKey(ctx.pathParam("app_id"), ctx.pathParam("job_id"))));
        config.routes.get("/analytics/summary", ctx -> {
            LocalDate date = QueryParams.requiredDate(ctx, "date");
            int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
            String after = ctx.queryParam("after");
            String cursor = after == null || after.isBlank() ? null : after;
            router.answer(ctx, SparkJobsPipeline.DAILY_SUMMARY_STORE, date.toString(),
                    (partition, requireActive) -> query.day(date, cursor, limit, partition, requireActive));
        });
    }

    private void answerJob(io.javalin.http.Context ctx, String jobKey) {
        router.answer(ctx, SparkJobsPipeline.JOBS_STORE, jobKey, (partition, requireActive) -> query.job(jobKey, partition, requireActive));
    }
}
