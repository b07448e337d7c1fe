package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.streamlytics.app.query.TopicOffsets;
import io.streamlytics.topology.Topics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /topics}: records received so far by each input topic, from which a client derives ingest rates. */
public record TopicRoutes(TopicOffsets offsets, Topics topics, Clock clock) implements Routes {

    @Override
    public void register(JavalinConfig config) {
        config.routes.get("/topics", ctx -> {
            Map<String, Long> endOffsets;
            try {
                endOffsets = offsets.endOffsets(topics.inputs());
            } catch (IllegalStateException e) {
                throw ApiException.unavailable("kafka_unavailable", e.getMessage());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            endOffsets.forEach((topic, offset) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("topic", topic);
                row.put("end_offset", offset);
                rows.add(row);
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("at", clock.instant().toString());
            body.put("topics", rows);
            Json.reply(ctx, 200, body);
        });
    }
}
