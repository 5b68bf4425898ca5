package dev.switchboard.selection;


/** Puts one factor's values over the candidates on a common scale; shared by the algorithms that blend factors. */
public final class Normalise {

    private Normalise() {
    }

    /**
     * Latency as a share of the fastest: 1 for the fastest, 0.5 for twice as slow; candidates without a value get
     * the mean of the others' shares; null when no candidate has a value.
     */
    public static double[] relativeToFastest(Double[] latencies) {
        return relativeToFastest(latencies, 0);
    }

    /**
     * The same with a tolerance: a latency within {@code tolerance} (a share) of the fastest scores 1 like the
     * fastest, and beyond it the share is of the tolerated latency ({@code min(1, fastest·(1+tolerance)/latency)}).
     */
    public static double[] relativeToFastest(Double[] latencies, double tolerance) {
        double fastest = Double.POSITIVE_INFINITY;
        for (Double latency : latencies) {
            if (latency != null) {
                fastest = Math.min(fastest, latency);
            }
        }
        if (fastest == Double.POSITIVE_INFINITY) {
            return null;
        }
        double[] out = new double[latencies.length];
        double sum = 0;
        int observed = 0;
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] != null) {
                out[i] = latencies[i] <= 0 || fastest <= 0 ? 1 : Math.min(1, fastest * (1 + tolerance) / latencies[i]);
                sum += out[i];
                observed++;
            }
        }
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] == null) {
                out[i] = sum / observed;
            }
        }
        return out;
    }

    /** Min-max normalisation; null when no candidate has a value. Missing values count 0; equal values 0.5. */
    public static double[] minMax(Double[] values, boolean lowerIsBetter) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Double value : values) {
            if (value != null) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            return null;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                out[i] = 0;
            } else if (max == min) {
                out[i] = 0.5;
            } else {
                double position = (values[i] - min) / (max - min);
                out[i] = lowerIsBetter ? 1 - position : position;
            }
        }
        return out;
    }
}
