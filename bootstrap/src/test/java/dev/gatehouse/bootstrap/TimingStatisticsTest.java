package dev.gatehouse.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TimingStatisticsTest {

    @Test
    void tells_identical_samples_from_separated_ones() {
        long[] low = {1, 2, 3, 4, 5};
        long[] high = {10, 11, 12, 13, 14};

        assertEquals(0.0, TimingStatistics.kolmogorovSmirnov(low, low.clone()), 1e-9);
        assertEquals(1.0, TimingStatistics.kolmogorovSmirnov(low, high), 1e-9);
        assertEquals(0.5, TimingStatistics.probabilityOfSuperiority(low, low.clone()), 1e-9);
        assertEquals(0.0, TimingStatistics.probabilityOfSuperiority(low, high), 1e-9);
        assertEquals(1.0, TimingStatistics.probabilityOfSuperiority(high, low), 1e-9);
        assertEquals(3, TimingStatistics.median(low));
    }

    @Test
    void measures_partial_overlap() {
        long[] a = {1, 2, 3, 4};
        long[] b = {3, 4, 5, 6};

        assertEquals(0.5, TimingStatistics.kolmogorovSmirnov(a, b), 1e-9);
        // a > b only for (4, 3); ties (3, 3) and (4, 4) count half: (1 + 2 * 0.5) / 16.
        assertEquals(0.125, TimingStatistics.probabilityOfSuperiority(a, b), 1e-9);
    }
}
