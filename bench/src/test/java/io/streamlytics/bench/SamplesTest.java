package io.streamlytics.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SamplesTest {
    @Test
    void nearestRankPercentilesOfUnsortedValues() {
        Samples samples = Samples.of(5, 1, 4, 2, 3);
        assertEquals(3, samples.median());
        assertEquals(1, samples.min());
        assertEquals(5, samples.max());
        assertEquals(5, samples.percentile(0.99));
        assertEquals(1, samples.percentile(0.2));
        assertEquals(2, samples.percentile(0.21));
    }
}
