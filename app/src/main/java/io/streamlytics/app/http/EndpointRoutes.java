package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.streamlytics.app.query.EndpointMetricsQuery;
import io.streamlytics.app.query.EndpointPartials;
import io.streamlytics.topology.apirequests.endpoints.EndpointMetrics;
import io.streamlytics.topology.TimeWindow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** {@code /endpoints/metrics}, {@code /endpoints/top}, and the internal route instances gather partials with. */
public record EndpointRoutes(EndpointMetricsQuery query, EndpointPartials partials, Clock clock) implements Routes {
    /** Bounds the work of one query: two days of minutes, or 120 days of hours. */
    private static final int MAX_WINDOWS_PER_QUERY = 2880;
    private static final List<String> WINDOWS = Arrays.stream(TimeWindow.values()).map(TimeWindow::label).toList();
    private static final List<String> RANKINGS = Arrays.stream(EndpointMetricsQuery.Ranking.values()).map(r -> r.label).toList();

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/endpoints/metrics", ctx -> {
            String endpoint = QueryParams.required(ctx, "endpoint", "METHOD and path, e.g. GET /api/v1/orders");
            TimeWindow window = window(ctx);
            Instant to = QueryParams.time(ctx, "to", clock.instant());
            Instant from = QueryParams.time(ctx, "from", to.minus(Duration.ofHours(1)));
            requireRange(from, to, window);
            int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
            Instant after = QueryParams.time(ctx, "after", null);
            List<EndpointMetrics> rows = query.metrics(endpoint, window, from, to).stream()
                    .filter(row -> after == null || Instant.parse(row.windowStart()).isAfter(after))
                    .toList();
            Json.reply(ctx, 200, ListPage.first(rows, limit, EndpointMetrics::windowStart));
        });
        config.routes.get("/endpoints/top", ctx -> {
            String by = QueryParams.oneOf(ctx, "by", "p99", RANKINGS);
            TimeWindow window = window(ctx);
            Instant at = QueryParams.time(ctx, "at", clock.instant());
            int n = QueryParams.integer(ctx, "n", 10, 1, 100);
            EndpointMetricsQuery.Ranking ranking = Arrays.stream(EndpointMetricsQuery.Ranking.values())
                    .filter(r -> r.label.equals(by)).findFirst().orElseThrow();
            Json.reply(ctx, 200, ListPage.of(query.top(ranking, window, at, n), null));
        });
        config.routes.get(EndpointMetricsQuery.PARTIALS_PATH, ctx -> {
            TimeWindow window = window(ctx);
            Instant from = QueryParams.epochMillis(ctx, "from");
            Instant to = QueryParams.epochMillis(ctx, "to");
            ctx.contentType("application/json").result(EndpointPartials.encode(partials.readLocal(window, ctx.queryParam("endpoint"), from, to)));
        });
    }

    private static TimeWindow window(Context ctx) {
        return TimeWindow.labelled(QueryParams.oneOf(ctx, "window", "1m", WINDOWS)).orElseThrow();
    }

    private static void requireRange(Instant from, Instant to, TimeWindow window) {
        QueryParams.requireWindowRange(from, to, window.size(), window.label(), MAX_WINDOWS_PER_QUERY);
    }
}
