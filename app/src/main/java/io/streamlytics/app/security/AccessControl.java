package io.streamlytics.app.security;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.streamlytics.app.http.ApiException;
import io.streamlytics.app.http.WebRoutes;
import io.streamlytics.app.query.Forwarder;
import org.apache.kafka.streams.state.HostInfo;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Checks every matched request before its handler: the probes are open; internal routes need a request
 * signed by another instance of the group; ingest (POST) needs an ingest or all key; queries need a query
 * or all key. A signed request from another instance passes. Ingest and queries are rate-limited per key.
 */
public final class AccessControl {
    public static final String API_KEY_HEADER = "X-API-Key";
    private static final String FORWARDED_BY_PEER = "streamlytics.forwardedByPeer";
    private static final Set<String> PROBES = Set.of("/health", "/ready", "/metrics");

    private final AccessSettings settings;
    private final InternalRequestSigner signer;
    private final HostInfo self;
    private final LongSupplier nanoClock;
    private final Map<String, TokenBucket> ingestBuckets = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> queryBuckets = new ConcurrentHashMap<>();

    /**
     * @param signer checks the signature of requests from other instances; null when there is no internal key
     * @param self   this instance as the group knows it: a signature is valid only for the instance it was made for
     */
    public AccessControl(AccessSettings settings, InternalRequestSigner signer, HostInfo self, LongSupplier nanoClock) {
        this.settings = settings;
        this.signer = signer;
        this.self = self;
        this.nanoClock = nanoClock;
    }

    /**
     * Whether another instance of the group forwarded this request, so that it is answered from here and never
     * forwarded again. Only a signed request counts once keys are set: a client sending the hop header itself
     * would otherwise get a standby's stale answer or none.
     */
    public static boolean forwardedByPeer(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(FORWARDED_BY_PEER));
    }

    public void check(Context ctx) {
        if (isOpen(ctx.path())) {
            return;
        }
        boolean internalCall = signer != null && signer.verify(ctx.method().name(), self, pathAndQuery(ctx),
                ctx.header(InternalRequestSigner.TIME_HEADER), ctx.header(InternalRequestSigner.SIGNATURE_HEADER));
        if (ctx.header(Forwarder.HOP_HEADER) != null && (internalCall || !settings.enabled())) {
            ctx.attribute(FORWARDED_BY_PEER, true);
        }
        if (internalCall) {
            return;
        }
        boolean ingest = ctx.method() == HandlerType.POST;
        if (ingest) {
            requireSameOrigin(ctx);
        }
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
        if (ingest) {
            limit(ingestBuckets, settings.ingestRequestsPerSecond(), client, "ingest");
        } else {
            limit(queryBuckets, settings.queryRequestsPerSecond(), client, "queries");
        }
    }

    /** The probes, and what a browser loads before it can send a key (pages, their assets, the API description). */
    private static boolean isOpen(String path) {
        return PROBES.contains(path) || WebRoutes.OPEN_PATHS.contains(path)
                || WebRoutes.OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }

    private void limit(Map<String, TokenBucket> buckets, double rate, String client, String what) {
        if (rate <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        // a burst of one second's worth (at least one request) is allowed
        TokenBucket bucket = buckets.computeIfAbsent(client, c -> new TokenBucket(rate, Math.max(1, rate), now));
        double wait = bucket.take(now);
        if (wait > 0) {
            throw new ApiException(429, "rate_limited", what + " is limited to " + rate + " requests a second per key;"
                    + " retry after Retry-After seconds", (int) Math.ceil(wait));
        }
    }

    /**
     * A browser names the page that makes a request in {@code Origin}; scripts and other producers send none. A page of
     * another site may post a plain-text or form body without asking first (no CORS preflight), and the earlier service's
     * routes take plain text, so a POST from another origin is refused: no web page can write into a laptop instance.
     */
    private static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        String host = ctx.header("Host");
        if (host == null || !origin.equalsIgnoreCase("http://" + host) && !origin.equalsIgnoreCase("https://" + host)) {
            throw new ApiException(403, "cross_origin", "a POST from a web page of another origin (" + origin
                    + ") is refused; producers send no Origin header");
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

    /** The request as its sender signed it: the path and query exactly as they came, undecoded. */
    public static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }
}
