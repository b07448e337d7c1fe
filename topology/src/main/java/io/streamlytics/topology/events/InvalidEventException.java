package io.streamlytics.topology.events;

/** An input record that cannot become an event; the message is the reason shown to users and in dead letters. */
public final class InvalidEventException extends Exception {
    public InvalidEventException(String reason) {
        super(reason, null, false, false); // expected on bad input: no stack trace to fill
    }
}
