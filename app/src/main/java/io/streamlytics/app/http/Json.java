package io.streamlytics.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import io.streamlytics.topology.events.EventJson;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON replies with the topology's mapper, so rows read the same over HTTP and on topics. */
public final class Json {
    private Json() {
    }

    public static void reply(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(bytes(body));
    }

    static byte[] bytes(Object body) {
        try {
            return EventJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply is not serializable", e);
        }
    }

    public static void error(Context ctx, ApiException e) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        reply(ctx, e.status(), Map.of("error", error));
    }
}
