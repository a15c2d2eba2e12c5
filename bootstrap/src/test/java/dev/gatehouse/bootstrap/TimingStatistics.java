package dev.gatehouse.bootstrap;

import java.util.Arrays;

/**
 * Two-sample statistics for timing tests: the Kolmogorov–Smirnov distance and the Mann–Whitney
 * common-language effect size P(a > b). Both are robust to outliers, which a loaded machine produces.
 */
final class TimingStatistics {

    private TimingStatistics() {
    }

    /** The largest gap between the two empirical distribution functions, 0 (same) to 1 (fully separated). */
    static double kolmogorovSmirnov(long[] a, long[] b) {
        long[] x = sorted(a);
        long[] y = sorted(b);
        int i = 0;
        int j = 0;
        double distance = 0;
        while (i < x.length && j < y.length) {
            long next = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == next) {
                i++;
            }
            while (j < y.length && y[j] == next) {
                j++;
            }
            distance = Math.max(distance, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return distance;
    }

    /** P(a > b) + P(a = b) / 2 over all pairs: 0.5 when neither tends to be slower. */
    static double probabilityOfSuperiority(long[] a, long[] b) {
        double wins = 0;
        for (long x : a) {
            for (long y : b) {
                wins += x > y ? 1 : x == y ? 0.5 : 0;
            }
        }
        return wins / ((double) a.length * b.length);
    }

    static long median(long[] values) {
        long[] sorted = sorted(values);
        return sorted[sorted.length / 2];
    }

    private static long[] sorted(long[] values) {
        long[] copy = values.clone();
        Arrays.sort(copy);
        return copy;
    }
}
