package io.streamlytics.app.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks the cluster for its id before a command relies on it, so "Kafka is not there" is one quick, clear failure. */
public final class KafkaReachability {
    private KafkaReachability() {
    }

    /**
     * Throws {@link IllegalStateException} naming the servers when no broker answers within {@code timeout}, or at once
     * when the broker refuses the client's authentication (an authentication failure is not retried by Kafka's clients).
     */
    public static void require(KafkaConnection kafka, Duration timeout) {
        String servers = kafka.bootstrapServers();
        Properties props = kafka.clientProperties();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamlytics-reachability");
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) { // e.g. no host name resolves: the cause says so
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Kafka at " + servers + " is not reachable: " + cause.getMessage());
        }
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new IllegalStateException("Kafka at " + servers + " refused the credentials: " + refused.getMessage());
            }
            throw notReachable(kafka, timeout);
        } catch (TimeoutException e) {
            throw notReachable(kafka, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka at " + servers);
        } finally {
            admin.close(Duration.ofSeconds(1)); // no waiting out the unanswered request again
        }
    }

    private static IllegalStateException notReachable(KafkaConnection kafka, Duration timeout) {
        // a listener that wants TLS or SASL drops a plaintext client without a word, which looks just like no broker
        String hint = kafka.securityConfigured() ? "" : "; a secured listener needs its client properties in --kafka-config";
        return new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " is not reachable (no answer within "
                + timeout.toSeconds() + " s" + hint + ")");
    }
}
