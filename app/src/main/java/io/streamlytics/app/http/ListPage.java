package io.streamlytics.app.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A list reply in the contract's shape: {@code {"items": [...], "next": "<cursor or null>"}}. */
public final class ListPage {
    private ListPage() {
    }

    public static Map<String, Object> of(List<?> items, String next) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next", next);
        return body;
    }

    /** The first {@code limit} rows; when there are more, the next cursor is the last row's. */
    public static <T> Map<String, Object> first(List<T> rows, int limit, Function<T, String> cursorOf) {
        List<T> page = rows.subList(0, Math.min(limit, rows.size()));
        return of(page, rows.size() > limit ? cursorOf.apply(page.get(page.size() - 1)) : null);
    }
}
