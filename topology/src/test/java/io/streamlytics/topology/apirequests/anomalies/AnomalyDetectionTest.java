package io.streamlytics.topology.apirequests.anomalies;

import io.streamlytics.topology.TopologyConfig;
import io.streamlytics.topology.support.ApiRequestsTestDriver;
import io.streamlytics.topology.support.ApiRequestsTestDriver.Request;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static io.streamlytics.topology.support.ApiRequestsTestDriver.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector in the topology: final minutes in, anomalies out to the topic and the store, baseline changelogged. */
class AnomalyDetectionTest {
    private static final String PATH = "/api/v1/orders";
    private static final String ENDPOINT = "GET " + PATH;

    /** 40 requests from several customers in the minute, durations log-normal around 20 ms times {@code slowdown}. */
    private static void pipeMinute(ApiRequestsTestDriver driver, Random random, int minute, double slowdown, double errorShare) {
        Instant start = T0.plus(Duration.ofMinutes(minute));
        for (int i = 0; i < 40; i++) {
            int status = random.nextDouble() < errorShare ? 503 : 200;
            double duration = Math.round(Math.exp(3 + 0.3 * random.nextGaussian()) * slowdown * 1000) / 1000.0;
            driver.pipe(new Request("cust_" + random.nextInt(6), start.plusMillis(i * 1400L), status, duration, null, "GET", PATH));
        }
    }

    /**
     * k = 3: at the default k = 2 about 4% of steady minutes are flagged ({@link BaselineTest} measures it),
     * which over these 50-minute series would flag a noisy steady minute or two.
     */
    private static ApiRequestsTestDriver driverWithKOf3() {
        TopologyConfig d = TopologyConfig.defaults();
        return new ApiRequestsTestDriver(d.toBuilder().anomalies(new AnomalySettings(3, 20, 10)).build());
    }

    private static void closeMinutesBefore(ApiRequestsTestDriver driver, int minute) {
        driver.advanceStreamTimeTo(T0.plus(Duration.ofMinutes(minute)).plus(Duration.ofHours(1)));
        driver.advanceWallClock(Duration.ofSeconds(1));
    }

    @Test
    void aLatencySpikeIsFlaggedOnceAndSteadyMinutesAreNot() {
        Random random = new Random(3);
        try (var driver = driverWithKOf3()) {
            for (int minute = 0; minute < 40; minute++) {
                pipeMinute(driver, random, minute, 1, 0.0);
            }
            pipeMinute(driver, random, 40, 4, 0.0);
            for (int minute = 41; minute < 50; minute++) {
                pipeMinute(driver, random, minute, 1, 0.0);
            }
            closeMinutesBefore(driver, 50);

            assertEquals(50, driver.readEndpointMinutes().size(), "every minute closed");
            List<Anomaly> anomalies = driver.readAnomalies();
            assertEquals(1, anomalies.size(), "only the spike: " + anomalies);
            Anomaly spike = anomalies.get(0);
            assertEquals(ENDPOINT, spike.endpoint());
            assertEquals(T0.plus(Duration.ofMinutes(40)).toString(), spike.windowStart());
            assertEquals(40, spike.count());
            Breach breach = spike.breaches().get(0);
            assertEquals("p95", breach.metric());
            assertTrue(breach.value() > breach.threshold() && breach.threshold() > breach.baselineMean(), breach.toString());

            WindowStore<String, Anomaly> store = driver.driver().getWindowStore(AnomalyPipeline.ANOMALY_STORE);
            assertEquals(spike, store.fetch(ENDPOINT, T0.plus(Duration.ofMinutes(40)).toEpochMilli()));
        }
    }

    @Test
    void anErrorBurstIsFlaggedAsErrorRate() {
        Random random = new Random(4);
        try (var driver = driverWithKOf3()) {
            for (int minute = 0; minute < 20; minute++) {
                pipeMinute(driver, random, minute, 1, 0.01);
            }
            pipeMinute(driver, random, 20, 1, 0.5);
            closeMinutesBefore(driver, 21);
            List<Anomaly> anomalies = driver.readAnomalies();
            assertEquals(1, anomalies.size(), anomalies.toString());
            assertEquals("error_rate", anomalies.get(0).breaches().get(0).metric());
        }
    }

    @Test
    void nothingIsFlaggedBeforeTenMinutesOfBaseline() {
        Random random = new Random(5);
        try (var driver = driverWithKOf3()) {
            for (int minute = 0; minute < 9; minute++) {
                pipeMinute(driver, random, minute, 1, 0.0);
            }
            pipeMinute(driver, random, 9, 10, 0.0);
            closeMinutesBefore(driver, 10);
            assertEquals(List.of(), driver.readAnomalies());
        }
    }

    @Test
    void theBaselineIsChangelogged() {
        Random random = new Random(6);
        try (var driver = driverWithKOf3()) {
            pipeMinute(driver, random, 0, 1, 0.0);
            closeMinutesBefore(driver, 1);
            String changelog = driver.driver().producedTopicNames().stream()
                    .filter(topic -> topic.endsWith("-" + AnomalyPipeline.BASELINE_STORE + "-changelog")).findFirst().orElse(null);
            assertNotNull(changelog, "the baseline store writes a changelog, so a restarted or moved task restores it: "
                    + driver.driver().producedTopicNames());
        }
    }
}
