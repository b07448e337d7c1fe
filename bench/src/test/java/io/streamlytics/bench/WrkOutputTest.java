package io.streamlytics.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WrkOutputTest {
    private static final String OUTPUT = """
            Running 30s test @ http://127.0.0.1:8080
              2 threads and 25 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.20ms  810.00us  40.12ms   90.00%
                Req/Sec    10.50k     1.20k   13.00k    70.00%
              Latency Distribution
                 50%  950.00us
                 75%    1.30ms
                 90%    2.10ms
                 99%    1.02s
              627000 requests in 30.00s, 120.00MB read
              Socket errors: connect 0, read 2, write 0, timeout 3
              Non-2xx or 3xx responses: 7
            Requests/sec:  20900.12
            Transfer/sec:      4.00MB
            """;

    @Test
    void readsRatePercentilesInMillisecondsAndEveryFailure() {
        Wrk.Result result = Wrk.parse(OUTPUT);
        assertEquals(20900.12, result.requestsPerSecond(), 1e-9);
        assertEquals(0.95, result.p50Ms(), 1e-9);
        assertEquals(2.1, result.p90Ms(), 1e-9);
        assertEquals(1020, result.p99Ms(), 1e-9);
        assertEquals(627_000, result.requests());
        assertEquals(12, result.errors());
    }
}
