package io.streamlytics.app.http;

import io.streamlytics.app.query.JsonParts;
import io.javalin.config.JavalinConfig;
import io.streamlytics.app.query.AnomalyQuery;
import io.streamlytics.topology.apirequests.anomalies.Anomaly;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /anomalies?from=&to=&endpoint=&limit=&after=}, and the internal route instances gather anomalies with. */
public record AnomalyRoutes(AnomalyQuery query, Clock clock) implements Routes {
    private static final Duration MAX_RANGE = Duration.ofDays(31);

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/anomalies", ctx -> {
            Instant to = QueryParams.time(ctx, "to", clock.instant());
            Instant from = QueryParams.time(ctx, "from", to.minus(Duration.ofHours(1)));
            if (from.isAfter(to)) {
                throw ApiException.badParameter("from", "at or before to (" + to + ")", from.toString());
            }
            if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                throw ApiException.badParameter("to", "at most 31 days after from", to.toString());
            }
            String endpoint = ctx.queryParam("endpoint");
            int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
            Anomaly after = cursor(ctx.queryParam("after"));
            List<Anomaly> rows = query.anomalies(from, to, endpoint == null || endpoint.isBlank() ? null : endpoint).stream()
                    .filter(row -> after == null || AnomalyQuery.ORDER.compare(row, after) > 0)
                    .toList();
            List<Anomaly> page = rows.subList(0, Math.min(limit, rows.size()));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", page);
            body.put("next", rows.size() > limit ? cursorOf(page.get(page.size() - 1)) : null);
            Json.reply(ctx, 200, body);
        });
        config.routes.get(AnomalyQuery.PARTS_PATH, ctx -> {
            Instant from = QueryParams.epochMillis(ctx, "from");
            Instant to = QueryParams.epochMillis(ctx, "to");
            ctx.contentType("application/json").result(JsonParts.encode(query.readLocal(from, to, ctx.queryParam("endpoint"))));
        });
    }

    /** Opaque to clients: the last row's window start and endpoint, base64url so the endpoint's spaces and slashes travel safely. */
    private static String cursorOf(Anomaly last) {
        String position = last.windowStart() + "\n" + last.endpoint();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static Anomaly cursor(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int newline = position.indexOf('\n');
            Instant start = Instant.parse(position.substring(0, newline));
            return new Anomaly(position.substring(newline + 1), start.toString(), null, 0, List.of());
        } catch (RuntimeException e) {
            throw ApiException.badParameter("after", "the 'next' cursor of a previous page", value);
        }
    }
}
