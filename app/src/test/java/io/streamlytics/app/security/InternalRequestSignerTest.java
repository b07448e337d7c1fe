package io.streamlytics.app.security;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalRequestSignerTest {
    private static final String KEY = "internal-secret-of-the-group";
    private static final HostInfo B = new HostInfo("10.0.0.2", 8080);
    private static final String PATH = "/customers/c%201/stats?from=2024-09-03&to=2024-09-04";

    private final AtomicLong now = new AtomicLong(1_725_000_000_000L);
    private final InternalRequestSigner signer = new InternalRequestSigner(KEY, now::get);

    private boolean verify(InternalRequestSigner receiver, String method, HostInfo self, String path, Map<String, String> headers) {
        return receiver.verify(method, self, path, headers.get(InternalRequestSigner.TIME_HEADER),
                headers.get(InternalRequestSigner.SIGNATURE_HEADER));
    }

    @Test
    void theSecretNeverTravelsOnlyItsSignatureOfOneRequest() {
        Map<String, String> headers = signer.sign("GET", B, PATH);
        headers.values().forEach(value -> assertFalse(value.contains(KEY), value));
        assertTrue(verify(signer, "GET", B, PATH, headers));
    }

    /** What any peer computes, written out with the JDK's HMAC: method, instance, path with query and time, one a line. */
    @Test
    void theSignatureIsAnHmacOfTheRequestAsDocumented() throws Exception {
        Map<String, String> headers = signer.sign("GET", B, PATH);
        assertEquals(Long.toString(now.get()), headers.get(InternalRequestSigner.TIME_HEADER));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal(("GET\n10.0.0.2:8080\n" + PATH + "\n" + now.get()).getBytes(StandardCharsets.UTF_8));
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(expected), headers.get(InternalRequestSigner.SIGNATURE_HEADER));
    }

    @Test
    void aSignatureIsGoodForNoOtherRequestInstanceKeyOrTime() {
        Map<String, String> headers = signer.sign("GET", B, PATH);
        assertFalse(verify(signer, "POST", B, PATH, headers), "another method");
        assertFalse(verify(signer, "GET", new HostInfo("10.0.0.3", 8080), PATH, headers), "another instance");
        assertFalse(verify(signer, "GET", new HostInfo("10.0.0.2", 8081), PATH, headers), "another port");
        assertFalse(verify(signer, "GET", B, PATH.replace("2024-09-04", "2024-09-05"), headers), "another query");
        assertFalse(verify(signer, "GET", B, "/customers/c%201/stats", headers), "the query left out");
        assertFalse(verify(new InternalRequestSigner(KEY + "x", now::get), "GET", B, PATH, headers), "another key");
        assertFalse(signer.verify("GET", B, PATH, String.valueOf(now.get() + 1), headers.get(InternalRequestSigner.SIGNATURE_HEADER)),
                "the time changed");
        assertFalse(signer.verify("GET", B, PATH, null, headers.get(InternalRequestSigner.SIGNATURE_HEADER)), "no time");
        assertFalse(signer.verify("GET", B, PATH, "soon", headers.get(InternalRequestSigner.SIGNATURE_HEADER)), "no number");
        assertFalse(signer.verify("GET", B, PATH, headers.get(InternalRequestSigner.TIME_HEADER), null), "no signature");
        assertFalse(signer.verify("GET", B, PATH, headers.get(InternalRequestSigner.TIME_HEADER), KEY), "the key as signature");
    }

    @Test
    void aSignatureIsAcceptedWithinTheClockSkewOnly() {
        Map<String, String> headers = signer.sign("GET", B, PATH);
        long skew = InternalRequestSigner.MAX_CLOCK_SKEW.toMillis();
        now.addAndGet(skew);
        assertTrue(verify(signer, "GET", B, PATH, headers), "a receiver whose clock is ahead by the skew");
        now.addAndGet(1);
        assertFalse(verify(signer, "GET", B, PATH, headers), "too old");
        now.addAndGet(-2 * skew - 2);
        assertFalse(verify(signer, "GET", B, PATH, headers), "from the future");
    }
}
