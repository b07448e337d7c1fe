package io.streamlytics.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.streamlytics.topology.events.EventJson;
import io.streamlytics.app.query.KeyAnswer;
import io.streamlytics.app.query.KeyQueryRouter;
import io.streamlytics.app.query.KeyRequest;
import io.streamlytics.app.security.AccessControl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Answers a query for one key over HTTP: the router decides where the answer comes from, this writes it as a reply. */
public final class KeyQueryHandler {
    public static final String STALE_HEADER = "X-Streamlytics-Stale";
    public static final String LAG_HEADER = "X-Streamlytics-Lag";
    /** The instance whose state answered, so that clients and tests can see where a query went. */
    public static final String SERVED_BY_HEADER = "X-Streamlytics-Served-By";
    /** The headers of another instance's reply that describe the answer; any other is the other server's own. */
    private static final List<String> RELAYED_HEADERS = List.of("Retry-After", STALE_HEADER, LAG_HEADER, SERVED_BY_HEADER);

    /** A reply as it is written: status, headers, and a JSON body. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        void writeTo(Context ctx) {
            headers.forEach(ctx::header);
            ctx.status(status).contentType("application/json").result(body);
        }
    }

    private final KeyQueryRouter router;

    public KeyQueryHandler(KeyQueryRouter router) {
        this.router = router;
    }

    public <T> void answer(Context ctx, String store, String key, KeyQueryRouter.LocalQuery<T> local) {
        KeyRequest request = new KeyRequest(AccessControl.pathAndQuery(ctx), AccessControl.forwardedByPeer(ctx));
        replyTo(router.answer(request, store, key, local)).writeTo(ctx);
    }

    /** Rows read here as JSON, with where they were read and, from a standby, how stale; another instance's reply as JSON, whatever type it claimed. */
    static Reply replyTo(KeyAnswer<?> answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (answer instanceof KeyAnswer.Current<?> current) {
            headers.put(SERVED_BY_HEADER, current.servedBy());
            return new Reply(200, headers, Json.bytes(current.rows()));
        }
        if (answer instanceof KeyAnswer.Stale<?> stale) {
            headers.put(SERVED_BY_HEADER, stale.servedBy());
            headers.put(STALE_HEADER, "true");
            headers.put(LAG_HEADER, Long.toString(stale.offsetLag()));
            return new Reply(200, headers, Json.bytes(markedStale(stale)));
        }
        KeyAnswer.Relayed<?> relayed = (KeyAnswer.Relayed<?>) answer;
        for (String header : RELAYED_HEADERS) {
            relayed.reply().headers().firstValue(header).ifPresent(value -> headers.put(header, value));
        }
        return new Reply(relayed.reply().status(), headers, relayed.reply().body());
    }

    /** An object says in its body that it is stale and by how much; a bare array (as the contract keeps some routes) has only the headers. */
    private static JsonNode markedStale(KeyAnswer.Stale<?> stale) {
        JsonNode body = EventJson.MAPPER.valueToTree(stale.rows());
        if (body instanceof ObjectNode object) {
            object.put("stale", true);
            object.put("lag", stale.offsetLag());
        }
        return body;
    }
}
