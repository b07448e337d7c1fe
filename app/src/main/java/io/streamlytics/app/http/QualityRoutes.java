package io.streamlytics.app.http;

import io.streamlytics.app.query.JsonParts;
import io.javalin.config.JavalinConfig;
import io.streamlytics.app.query.QualityQuery;

/** {@code GET /quality}, and the internal route instances gather quality counters with. */
public record QualityRoutes(QualityQuery query) implements Routes {

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/quality", ctx -> Json.reply(ctx, 200, query.report()));
        config.routes.get(QualityQuery.PARTS_PATH, ctx -> ctx.contentType("application/json").result(JsonParts.encode(query.readLocal())));
    }
}
