package io.streamlytics.app.ingest;

import io.streamlytics.app.http.ApiException;

import java.util.List;

/** A 400 for a body in which no event is valid; it carries why each one was rejected, for replies that list them. */
public final class NoValidEventsException extends ApiException {
    private final transient List<IngestResult.Rejection> rejected;

    NoValidEventsException(int events, List<IngestResult.Rejection> rejected) {
        super(400, "no_valid_events", events == 0 ? "no events in the body"
                : "none of the " + events + " events is valid; first error at index "
                + rejected.get(0).index() + ": " + rejected.get(0).error());
        this.rejected = rejected;
    }

    public List<IngestResult.Rejection> rejected() {
        return rejected;
    }
}
