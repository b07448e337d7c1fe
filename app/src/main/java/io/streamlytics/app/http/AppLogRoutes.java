package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.streamlytics.app.query.AppLogCounts;
import io.streamlytics.app.query.JsonParts;
import io.streamlytics.app.query.LogSearch;
import io.streamlytics.topology.applogs.AppLogStats;
import io.streamlytics.topology.applogs.AppSummary;
import io.streamlytics.topology.applogs.LogPosition;
import io.streamlytics.topology.applogs.LogSearchQuery;
import io.streamlytics.topology.TimeWindow;
import io.streamlytics.topology.events.LogLevel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** {@code /apps}, {@code /apps/{app}/logs}, {@code /apps/{app}/stats}, and the internal routes instances gather parts with. */
public record AppLogRoutes(LogSearch search, AppLogCounts counts, Clock clock) implements Routes {
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    /** Bounds the work of one query, as for endpoint metrics: two days of minutes, or 120 days of hours. */
    private static final int MAX_WINDOWS_PER_QUERY = 2880;
    private static final List<String> WINDOWS = Arrays.stream(TimeWindow.values()).map(TimeWindow::label).toList();

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/apps", ctx -> {
            int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
            String after = ctx.queryParam("after");
            List<AppSummary> rows = counts.appsAfter(after, limit + 1).stream()
                    .map(entry -> entry.getValue().toSummary(entry.getKey())).toList();
            Json.reply(ctx, 200, ListPage.first(rows, limit, AppSummary::app));
        });
        config.routes.get("/apps/{app}/logs", ctx -> replySearch(ctx, search, searchQuery(ctx, ctx.pathParam("app"))));
        config.routes.get("/apps/{app}/stats", ctx -> {
            String app = ctx.pathParam("app");
            TimeWindow window = window(ctx);
            Instant to = QueryParams.time(ctx, "to", clock.instant());
            Instant from = QueryParams.time(ctx, "from", to.minus(Duration.ofHours(1)));
            QueryParams.requireWindowRange(from, to, window.size(), window.label(), MAX_WINDOWS_PER_QUERY);
            int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
            Instant after = QueryParams.time(ctx, "after", null);
            List<AppLogStats> rows = counts.stats(app, window, from, to).stream()
                    .filter(row -> after == null || Instant.parse(row.windowStart()).isAfter(after))
                    .toList();
            if (rows.isEmpty() && after == null) {
                counts.requireKnown(app);
            }
            Json.reply(ctx, 200, ListPage.first(rows, limit, AppLogStats::windowStart));
        });

        config.routes.get(LogSearch.PATH, ctx -> reply(ctx, JsonParts.encode(
                search.searchLocal(searchQuery(ctx, QueryParams.required(ctx, "app", "the app"))))));
        config.routes.get(AppLogCounts.STATS_PATH, ctx -> reply(ctx, JsonParts.encode(counts.statsLocal(
                QueryParams.required(ctx, "app", "the app"), window(ctx), QueryParams.time(ctx, "from", Instant.EPOCH),
                QueryParams.time(ctx, "to", END_OF_TIME)))));
        config.routes.get(AppLogCounts.APPS_PATH, ctx -> reply(ctx, JsonParts.encode(counts.appsLocal(ctx.queryParam("app"),
                ctx.queryParam("after"), QueryParams.integer(ctx, "limit", Integer.MAX_VALUE, 1, Integer.MAX_VALUE)))));
    }

    /** A search page as {@code {"items": [lines], "next": cursor}}; shared with the earlier service's route. */
    static void replySearch(Context ctx, LogSearch search, LogSearchQuery query) {
        LogSearch.Page page = search.search(query);
        Json.reply(ctx, 200, ListPage.of(page.items(), page.next()));
    }

    /** The search parameters of {@code /apps/{app}/logs}, which the earlier service's and the internal routes share. */
    static LogSearchQuery searchQuery(Context ctx, String app) {
        String level = ctx.queryParam("level");
        LogLevel minLevel = level == null || level.isBlank() ? null : LogLevel.named(level).orElseThrow(() ->
                ApiException.badParameter("level", "one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL", level));
        Instant from = QueryParams.time(ctx, "from", Instant.EPOCH);
        Instant to = QueryParams.time(ctx, "to", END_OF_TIME);
        if (from.isAfter(to)) {
            throw ApiException.badParameter("from", "at or before to (" + to + ")", from.toString());
        }
        String after = ctx.queryParam("after");
        LogPosition position = after == null || after.isBlank() ? null : LogPosition.parse(after).orElseThrow(() ->
                ApiException.badParameter("after", "the 'next' cursor of a previous page", after));
        String text = blankToNull(ctx.queryParam("q"));
        if (text != null && text.length() > LogSearchQuery.MAX_TEXT_LENGTH) {
            throw ApiException.badParameter("q", "at most " + LogSearchQuery.MAX_TEXT_LENGTH + " characters",
                    text.length() + " characters");
        }
        return new LogSearchQuery(app, minLevel, blankToNull(ctx.queryParam("service")), text,
                from, to, position, QueryParams.integer(ctx, "limit", 100, 1, 1000));
    }

    private static TimeWindow window(Context ctx) {
        return TimeWindow.labelled(QueryParams.oneOf(ctx, "window", "1m", WINDOWS)).orElseThrow();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void reply(Context ctx, byte[] json) {
        ctx.contentType("application/json").result(json);
    }
}
