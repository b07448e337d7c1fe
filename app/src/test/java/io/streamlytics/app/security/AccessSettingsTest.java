package io.streamlytics.app.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessSettingsTest {

    @Test
    void keysComeFromTheListAndTheFileWithTheirScopes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("keys");
        Files.writeString(file, "# team keys\nfile-key-0001 query\n\nfile-key-0002\n");
        assertEquals(Map.of("list-key-0001", Scope.INGEST, "list-key-0002", Scope.ALL, "file-key-0001", Scope.QUERY,
                        "file-key-0002", Scope.ALL),
                AccessSettings.parseKeys(List.of("list-key-0001:ingest", "list-key-0002"), file));
    }

    @Test
    void badSettingsFailNamingTheOption() {
        var badScope = assertThrows(IllegalArgumentException.class, () -> AccessSettings.parseKeys(List.of("some-key-01:admin"), null));
        assertTrue(badScope.getMessage().startsWith("api-keys: scope must be"), badScope.getMessage());
        var shortKey = assertThrows(IllegalArgumentException.class, () -> AccessSettings.parseKeys(List.of("short"), null));
        assertTrue(shortKey.getMessage().contains("at least 8 characters"), shortKey.getMessage());
        var noInternalKey = assertThrows(IllegalArgumentException.class,
                () -> new AccessSettings(Map.of("some-key-01", Scope.ALL), null, 0, 0));
        assertTrue(noInternalKey.getMessage().startsWith("internal-key"), noInternalKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AccessSettings(Map.of(), null, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new AccessSettings(Map.of(), null, 0, Double.NaN));
    }

    @Test
    void aTokenBucketRefillsAtItsRate() {
        var bucket = new TokenBucket(2, 2, 0);
        assertEquals(0, bucket.take(0));
        assertEquals(0, bucket.take(0));
        assertEquals(0.5, bucket.take(0), 1e-9, "empty: the next token is half a second away at 2/s");
        assertEquals(0, bucket.take(500_000_000L));
    }
}
