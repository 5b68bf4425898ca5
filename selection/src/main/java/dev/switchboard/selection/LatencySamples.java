package dev.switchboard.selection;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * An immutable window of a model's observed latencies, sorted, for percentile queries.
 *
 * @param ttftMs time to first token, ascending
 * @param tpotMs time per output token, ascending
 */
public record LatencySamples(double[] ttftMs, double[] tpotMs) {

    public static final LatencySamples NONE = new LatencySamples(new double[0], new double[0]);

    /** The percentile (1-100) of time to first token; the mean below 3 samples; empty without any. */
    public OptionalDouble ttft(int percentile) {
        return percentile(ttftMs, percentile);
    }

    /** The percentile (1-100) of time per output token; the mean below 3 samples; empty without any. */
    public OptionalDouble tpot(int percentile) {
        return percentile(tpotMs, percentile);
    }

    static OptionalDouble percentile(double[] sorted, int percentile) {
        if (sorted.length == 0) {
            return OptionalDouble.empty();
        }
        if (sorted.length < 3) {
            return Arrays.stream(sorted).average();
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return OptionalDouble.of(sorted[Math.max(0, Math.min(sorted.length - 1, index))]);
    }
}
