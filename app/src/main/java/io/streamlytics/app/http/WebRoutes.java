package io.streamlytics.app.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a person opens in a browser: the live dashboard at {@code /}, a page per area under {@code /ui/}, the API
 * described at {@code /openapi.json} and browsable at {@code /docs}. Pages and their scripts are files under
 * {@code web/} on the classpath (no build step); Chart.js and Swagger UI come from WebJars.
 */
public final class WebRoutes implements Routes {
    /** Each page's path and its file under {@code web/}. */
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html",
            "/docs", "docs.html",
            "/ui/customer", "customer.html",
            "/ui/merchant", "merchant.html",
            "/ui/jobs", "jobs.html",
            "/ui/logs", "logs.html");
    /** Paths a browser loads before it can send an API key: the pages, their assets and the API description. */
    public static final Set<String> OPEN_PATHS = Stream.concat(PAGES.keySet().stream(), Stream.of("/openapi.json"))
            .collect(Collectors.toUnmodifiableSet());
    public static final List<String> OPEN_PREFIXES = List.of("/assets/", "/webjars/");

    private final byte[] openApi = resource("web/openapi.json");

    @Override
    public void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/assets";
            files.directory = "/web/assets";
            files.location = Location.CLASSPATH;
        });
        config.staticFiles.enableWebjars();
        PAGES.forEach((path, file) -> {
            byte[] page = resource("web/" + file);
            config.routes.get(path, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        });
        config.routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
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
