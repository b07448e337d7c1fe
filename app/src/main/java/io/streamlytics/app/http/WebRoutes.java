package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * What a person opens in a browser: the live dashboard at {@code /}, the API described at
 * {@code /openapi.json} and browsable at {@code /docs}. Pages and their scripts are files under
 * {@code web/} on the classpath (no build step); Chart.js and Swagger UI come from WebJars.
 */
public final class WebRoutes implements Routes {
    /** Paths a browser loads before it can send an API key: the pages, their assets and the API description. */
    public static final Set<String> OPEN_PATHS = Set.of("/", "/docs", "/openapi.json");
    public static final List<String> OPEN_PREFIXES = List.of("/assets/", "/webjars/");

    private final byte[] openApi = resource("web/openapi.json");
    private final byte[] dashboard = resource("web/index.html");
    private final byte[] docs = resource("web/docs.html");

    @Override
    public void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/web/assets";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        config.routes.get("/", ctx -> html(ctx, dashboard));
        config.routes.get("/docs", ctx -> html(ctx, docs));
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    }

    private static void html(Context ctx, byte[] page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebRoutes.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
