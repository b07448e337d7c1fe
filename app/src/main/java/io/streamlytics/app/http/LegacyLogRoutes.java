package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.streamlytics.app.ingest.BodyFormat;
import io.streamlytics.app.ingest.IngestResult;
import io.streamlytics.app.ingest.IngestService;
import io.streamlytics.app.ingest.NoValidEventsException;
import io.streamlytics.app.query.AppLogCounts;
import io.streamlytics.app.query.LogSearch;
import io.streamlytics.topology.Topics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The earlier services' routes, kept so their producers and clients need no change:
 * {@code POST /api/v1/ingest/}, {@code GET /api/v1/logs/?app=…}, {@code GET /api/v1/stats/} (app logs) and
 * {@code POST /logs/ingest} (spark-events: one object or an array, NDJSON with its content type).
 */
public record LegacyLogRoutes(IngestService ingest, LogSearch search, AppLogCounts counts) implements Routes {

    @Override
    public void register(JavalinConfig config) {
        config.routes.post("/api/v1/ingest/", ctx -> enqueue(ctx, Topics.APP_LOGS, BodyFormat.ARRAY_ELSE_NDJSON));
        config.routes.post("/logs/ingest", ctx -> {
            String contentType = ctx.contentType();
            enqueue(ctx, Topics.SPARK_EVENTS, contentType != null && contentType.toLowerCase().startsWith("application/x-ndjson")
                    ? BodyFormat.NDJSON : BodyFormat.JSON);
        });
        config.routes.get("/api/v1/logs/", ctx -> AppLogRoutes.replySearch(ctx, search,
                AppLogRoutes.searchQuery(ctx, QueryParams.required(ctx, "app", "the app whose lines to search"))));
        config.routes.get("/api/v1/stats/", ctx -> {
            Map<String, Map<String, Long>> byApp = new LinkedHashMap<>();
            counts.apps(null).forEach((app, seen) -> byApp.put(app, seen.counts().byLevel()));
            Json.reply(ctx, 200, Map.of("apps", byApp));
        });
    }

    /** The earlier services' reply: {@code {"enqueued": n, "backend": "kafka"}}, with the rejected events as {@code errors}. */
    private void enqueue(Context ctx, String topic, BodyFormat format) {
        try {
            IngestResult result = ingest.ingest(topic, ctx::bodyAsBytes, format);
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("enqueued", result.accepted());
            reply.put("backend", "kafka");
            if (!result.rejected().isEmpty()) {
                reply.put("errors", result.rejected());
            }
            Json.reply(ctx, 202, reply);
        } catch (NoValidEventsException e) {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("error", Map.of("code", e.code(), "message", e.getMessage()));
            reply.put("errors", e.rejected());
            Json.reply(ctx, 400, reply);
        }
    }
}
