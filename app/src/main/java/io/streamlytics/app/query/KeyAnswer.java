package io.streamlytics.app.query;

/** How a query for one key was answered: from a copy here, current or a standby's, or by another instance. */
public sealed interface KeyAnswer<T> {

    /** Read from the active copy here. {@code servedBy} is this instance's address. */
    record Current<T>(T rows, String servedBy) implements KeyAnswer<T> {
    }

    /** Read from a standby copy here, which may lag behind the active one by {@code offsetLag} records (-1: unknown). */
    record Stale<T>(T rows, String servedBy, long offsetLag) implements KeyAnswer<T> {
    }

    /** Another instance's reply, to pass on as it is. */
    record Relayed<T>(Forwarder.Reply reply) implements KeyAnswer<T> {
    }
}
