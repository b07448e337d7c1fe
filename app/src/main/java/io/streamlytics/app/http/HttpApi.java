package io.streamlytics.app.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.streamlytics.app.ingest.BodyFormat;
import io.streamlytics.app.ingest.IngestService;
import io.streamlytics.app.metrics.AppMetrics;
import io.streamlytics.app.query.QueryFailure;
import io.streamlytics.app.security.AccessControl;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** The HTTP API of one instance: probes and ingest here, each pipeline's queries in its own {@link Routes}, every failure in one error format. */
public final class HttpApi {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private HttpApi() {
    }

    public static Javalin create(IngestService ingest, Supplier<KafkaStreams.State> streamsState, long maxRequestBytes,
                                 AccessControl access, AppMetrics metrics, List<Routes> queryRoutes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = maxRequestBytes;
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
            config.jetty.modifyServletContextHandler(handler -> handler.setErrorHandler(new JettyJsonErrors()));
            errors(config);
            config.routes.beforeMatched(metrics::requestStarted);
            config.routes.beforeMatched(access::check);
            config.routes.afterMatched(metrics::requestEnded);
            queryRoutes.forEach(routes -> routes.register(config));
            new WebRoutes().register(config);

            config.routes.get("/health", ctx -> {
                KafkaStreams.State state = streamsState.get();
                if (!alive(state)) {
                    throw ApiException.unavailable("streams_stopped", "the streams client has stopped for good (state " + state
                            + "): restart the process");
                }
                Json.reply(ctx, 200, Map.of("status", "UP"));
            });
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            config.routes.get("/ready", ctx -> {
                KafkaStreams.State state = streamsState.get();
                if (state != KafkaStreams.State.RUNNING) {
                    throw new QueryFailure.NotRunning(state);
                }
                Json.reply(ctx, 200, Map.of("status", "READY", "state", state.name()));
            });

            config.routes.post("/ingest/{topic}", ctx -> {
                BodyFormat format = switch (mediaType(ctx.contentType())) {
                    case "application/json" -> BodyFormat.JSON;
                    case "application/x-ndjson" -> BodyFormat.NDJSON;
                    // a web page can post text/plain or a form to this machine without asking (no CORS preflight)
                    default -> throw new ApiException(415, "unsupported_media_type", "Content-Type must be application/json or"
                            + " application/x-ndjson, got " + (ctx.contentType() == null ? "none" : "'" + ctx.contentType() + "'"));
                };
                Json.reply(ctx, 202, ingest.ingest(ctx.pathParam("topic"), ctx::bodyAsBytes, format));
            });
        });
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Liveness, for an orchestrator that restarts what is not alive: false once the streams client gave up (the
     * stream-thread replacement policy shut it down, or it failed) and will never process again in this process.
     */
    static boolean alive(KafkaStreams.State state) {
        return state != KafkaStreams.State.PENDING_ERROR && state != KafkaStreams.State.ERROR && state != KafkaStreams.State.NOT_RUNNING;
    }

    private static void errors(JavalinConfig config) {
        config.routes.exception(ApiException.class, (e, ctx) -> Json.error(ctx, e));
        config.routes.exception(QueryFailure.class, (e, ctx) -> Json.error(ctx, FailureReplies.of(e)));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> Json.error(ctx, new ApiException(e.getStatus(),
                switch (e.getStatus()) {
                    case 404 -> "not_found";
                    case 405 -> "method_not_allowed";
                    case 413 -> "payload_too_large";
                    default -> "http_" + e.getStatus();
                }, e.getStatus() == 404 ? "no route " + ctx.method() + " " + ctx.path() : e.getMessage())));
        // the client went away mid-request: expected, worth a line, not a stack trace
        config.routes.exception(IOException.class, (e, ctx) ->
                LOG.info("connection lost answering {} {}: {}", ctx.method(), ctx.path(), e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            Json.error(ctx, new ApiException(500, "internal_error", "unexpected failure: " + e.getClass().getSimpleName()));
        });
    }
}
