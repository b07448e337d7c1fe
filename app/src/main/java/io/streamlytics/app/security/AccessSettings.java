package io.streamlytics.app.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who may call the HTTP API. With no keys, everything is open (the single-laptop default). With keys,
 * every route but the probes needs one, and instances call each other with the shared internal key.
 *
 * @param keys                 API key → scope
 * @param internalKey          secret the instances of one group send each other; required with keys
 * @param ingestRequestsPerSecond per key (per client address without keys); 0 for no limit
 * @param queryRequestsPerSecond  the same for queries (every other request but the probes and pages)
 */
public record AccessSettings(Map<String, Scope> keys, String internalKey, double ingestRequestsPerSecond,
                             double queryRequestsPerSecond) {
    public static final AccessSettings OPEN = new AccessSettings(Map.of(), null, 0, 0);

    public AccessSettings {
        keys = Map.copyOf(keys);
        if (!keys.isEmpty() && (internalKey == null || internalKey.length() < 16)) {
            throw new IllegalArgumentException("internal-key of at least 16 characters is required when api keys are set:"
                    + " instances authenticate to each other with it");
        }
        if (internalKey != null && keys.containsKey(internalKey)) {
            throw new IllegalArgumentException("internal-key must differ from every api key");
        }
        if (ingestRequestsPerSecond < 0 || Double.isNaN(ingestRequestsPerSecond)) {
            throw new IllegalArgumentException("ingest-rate-limit must be zero (no limit) or more, got " + ingestRequestsPerSecond);
        }
        if (queryRequestsPerSecond < 0 || Double.isNaN(queryRequestsPerSecond)) {
            throw new IllegalArgumentException("query-rate-limit must be zero (no limit) or more, got " + queryRequestsPerSecond);
        }
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /**
     * Keys from {@code --api-keys} ("key" or "key:scope", comma-separated) and {@code --api-keys-file}
     * (one "key [scope]" per line, '#' comments); no scope means all.
     */
    public static Map<String, Scope> parseKeys(List<String> listed, Path file) {
        Map<String, Scope> keys = new LinkedHashMap<>();
        for (String entry : listed) {
            if (!entry.isBlank()) {
                add(keys, entry.trim().split(":", 2), "api-keys");
            }
        }
        if (file != null) {
            try {
                for (String line : Files.readAllLines(file)) {
                    String content = line.strip();
                    if (!content.isEmpty() && !content.startsWith("#")) {
                        add(keys, content.split("\\s+", 2), "api-keys-file " + file);
                    }
                }
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("api-keys-file " + file + " does not exist");
            } catch (IOException e) {
                throw new UncheckedIOException("api-keys-file " + file + " cannot be read", e);
            }
        }
        return keys;
    }

    private static void add(Map<String, Scope> keys, String[] parts, String source) {
        if (parts[0].length() < 8) {
            throw new IllegalArgumentException(source + ": an api key needs at least 8 characters");
        }
        keys.put(parts[0], parts.length > 1 ? Scope.parse(parts[1], source) : Scope.ALL);
    }
}
