package io.streamlytics.app.security;

/** A token bucket: {@code rate} tokens a second, holding at most {@code capacity}. Thread-safe. */
final class TokenBucket {
    private final double rate;
    private final double capacity;
    private double tokens;
    private long updatedNanos;

    TokenBucket(double rate, double capacity, long nowNanos) {
        this.rate = rate;
        this.capacity = capacity;
        this.tokens = capacity;
        this.updatedNanos = nowNanos;
    }

    /** Takes one token, or returns how many seconds until one is there. */
    synchronized double take(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) / 1e9 * rate);
        updatedNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (1 - tokens) / rate;
    }
}
