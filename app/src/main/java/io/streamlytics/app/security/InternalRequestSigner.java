package io.streamlytics.app.security;

import org.apache.kafka.streams.state.HostInfo;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How the instances of a group prove to each other that a request comes from one of them, without the
 * shared secret ever leaving the process: the sender signs the method, the instance it addresses, the path
 * with its query and the time with HMAC-SHA256 over the internal key; the receiver recomputes it for itself
 * and accepts it within {@link #MAX_CLOCK_SKEW} of its own clock. A signature cannot be used for another
 * request, another instance, or later; a copy replayed within that window asks the same read-only question
 * of the same instance, whose answer its eavesdropper had already seen.
 */
public final class InternalRequestSigner {
    public static final String TIME_HEADER = "X-Streamlytics-Internal-Time";
    public static final String SIGNATURE_HEADER = "X-Streamlytics-Internal-Signature";
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final LongSupplier epochMillis;

    public InternalRequestSigner(String internalKey, LongSupplier epochMillis) {
        this.key = new SecretKeySpec(internalKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.epochMillis = epochMillis;
    }

    /** The headers that authenticate {@code method pathAndQuery} sent to {@code target}. */
    public Map<String, String> sign(String method, HostInfo target, String pathAndQuery) {
        String time = Long.toString(epochMillis.getAsLong());
        return Map.of(TIME_HEADER, time, SIGNATURE_HEADER, signature(method, target, pathAndQuery, time));
    }

    /** True when the headers were made by {@link #sign} with the same key, for this request to {@code self}, recently. */
    public boolean verify(String method, HostInfo self, String pathAndQuery, String time, String signature) {
        if (time == null || signature == null) {
            return false;
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(time);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(epochMillis.getAsLong() - sentAt) > MAX_CLOCK_SKEW.toMillis()) {
            return false;
        }
        return MessageDigest.isEqual(signature(method, self, pathAndQuery, time).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private String signature(String method, HostInfo instance, String pathAndQuery, String time) {
        String signed = method + "\n" + instance.host() + ":" + instance.port() + "\n" + pathAndQuery + "\n" + time;
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // not thread-safe, and cheap to make
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
