package io.streamlytics.app.security;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.app.http.WebRoutes;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Checks every matched request before its handler: the probes are open; internal routes need the
 * internal key; ingest (POST) needs an ingest or all key; queries need a query or all key. A request
 * forwarded by another instance carries the internal key and passes. Ingest is rate-limited per key.
 */
public final class AccessControl {
    public static final String API_KEY_HEADER = "X-API-Key";
    public static final String INTERNAL_KEY_HEADER = "X-Streamlytics-Internal-Key";
    private static final Set<String> PROBES = Set.of("/health", "/ready", "/metrics");

    private final AccessSettings settings;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> ingestBuckets = new ConcurrentHashMap<>();

    public AccessControl(AccessSettings settings, LongSupplier nanoClock) {
        this.settings = settings;
        this.nanoClock = nanoClock;
    }

    public void check(Context ctx) {
        if (isOpen(ctx.path())) {
            return;
        }
        boolean internalCall = settings.internalKey() != null && constantTimeEquals(settings.internalKey(), ctx.header(INTERNAL_KEY_HEADER));
        if (internalCall) {
            return;
        }
        boolean ingest = ctx.method() == HandlerType.POST;
        String client = ctx.ip();
        if (settings.enabled()) {
            if (ctx.path().startsWith("/internal/")) {
                throw new ApiException(403, "internal_only", "this route is for the instances of the group");
            }
            String key = presentedKey(ctx);
            if (key == null) {
                throw new ApiException(401, "missing_api_key", "send an API key in the " + API_KEY_HEADER
                        + " header or as Authorization: Bearer <key>");
            }
            Scope scope = settings.keys().get(key);
            if (scope == null) {
                throw new ApiException(401, "unknown_api_key", "the API key is not known here");
            }
            Scope needed = ingest ? Scope.INGEST : Scope.QUERY;
            if (!scope.allows(needed)) {
                throw new ApiException(403, "forbidden", "this API key may " + scope.name().toLowerCase() + " only, not "
                        + needed.name().toLowerCase());
            }
            client = "key:" + key;
        }
        if (ingest && settings.ingestRequestsPerSecond() > 0) {
            limitIngest(client);
        }
    }

    /** The probes, and what a browser loads before it can send a key (pages, their assets, the API description). */
    private static boolean isOpen(String path) {
        return PROBES.contains(path) || WebRoutes.OPEN_PATHS.contains(path)
                || WebRoutes.OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private void limitIngest(String client) {
        double rate = settings.ingestRequestsPerSecond();
        long now = nanoClock.getAsLong();
        // a burst of one second's worth (at least one request) is allowed
        TokenBucket bucket = ingestBuckets.computeIfAbsent(client, c -> new TokenBucket(rate, Math.max(1, rate), now));
        double wait = bucket.take(now);
        if (wait > 0) {
            throw new ApiException(429, "rate_limited", "ingest is limited to " + rate + " requests a second per key;"
                    + " retry after Retry-After seconds", (int) Math.ceil(wait));
        }
    }

    private static String presentedKey(Context ctx) {
        String header = ctx.header(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
