package io.streamlytics.app.security;

import java.util.Locale;

/** What an API key may do. */
public enum Scope {
    ALL, INGEST, QUERY;

    public boolean allows(Scope needed) {
        return this == ALL || this == needed;
    }

    static Scope parse(String text, String source) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": scope must be all, ingest or query, got '" + text + "'");
        }
    }
}
