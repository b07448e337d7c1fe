package io.streamlytics.app.ingest;

import java.util.List;

/** The reply to an ingest request: how many events were written and acknowledged, and why the others were not. */
public record IngestResult(int accepted, List<Rejection> rejected) {

    public record Rejection(int index, String error) {
    }
}
