package io.streamlytics.app.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks the cluster for its id before a command relies on it, so "Kafka is not there" is one quick, clear failure. */
public final class KafkaReachability {
    private KafkaReachability() {
    }

    /** Throws {@link IllegalStateException} naming the servers when no broker answers within {@code timeout}. */
    public static void require(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "streamlytics-reachability");
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) { // e.g. no host name resolves: the cause says so
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("Kafka at " + bootstrapServers + " is not reachable: " + cause.getMessage());
        }
        try {
            admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " is not reachable (no answer within "
                    + timeout.toSeconds() + " s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching Kafka at " + bootstrapServers);
        } finally {
            admin.close(Duration.ofSeconds(1)); // no waiting out the unanswered request again
        }
    }
}
