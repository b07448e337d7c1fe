package io.streamlytics.app.query;

/**
 * What the router needs of an incoming query for one key: the request to pass on as it came, and whether a peer
 * already forwarded it here (then it is answered from here and never forwarded again).
 */
public record KeyRequest(String pathAndQuery, boolean forwardedByPeer) {
}
