package io.streamlytics.app.query;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The order in which a store iterates string keys: by the bytes of their UTF-8, which is code point order
 * ({@link String#compareTo} differs for characters beyond U+FFFF). Parts gathered from several instances are merged in
 * it, so that a page cursor means the same on every partition.
 */
public final class StoreKeyOrder {
    public static final Comparator<String> UTF8 = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private StoreKeyOrder() {
    }
}
