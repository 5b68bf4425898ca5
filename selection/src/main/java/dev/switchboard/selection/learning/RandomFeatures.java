package dev.switchboard.selection.learning;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random Fourier features of a unit vector, {@code sqrt(2/D) · cos(Ω x + β)} with {@code Ω ~ N(0, 2γ)} and
 * {@code β ~ U[0, 2π)}: a linear model over them approximates one with the RBF kernel {@code exp(-γ |x - y|²)}
 * (Rahimi and Recht, 2007). The projection is drawn from a fixed seed, so every instance and every restart has the
 * same one and it is never stored. Immutable and shared per (input length, feature count, γ).
 */
public final class RandomFeatures {

    private static final long SEED = 0x5246462DL;
    private static final Map<String, RandomFeatures> SHARED = new ConcurrentHashMap<>();

    private final int inputs;
    private final float[] projection;
    private final float[] phase;
    private final double scale;

    private RandomFeatures(int inputs, int features, double gamma) {
        this.inputs = inputs;
        this.projection = LearningMath.gaussian(inputs * features, Math.sqrt(2 * gamma), SEED);
        float[] uniform = LearningMath.gaussian(features, 1, SEED + 1);
        this.phase = new float[features];
        for (int i = 0; i < features; i++) {
            // A uniform phase from a Gaussian draw: its normal CDF, times 2π.
            phase[i] = (float) (2 * Math.PI * 0.5 * (1 + erf(uniform[i] / Math.sqrt(2))));
        }
        this.scale = Math.sqrt(2.0 / features);
    }

    public static RandomFeatures of(int inputs, int features, double gamma) {
        return SHARED.computeIfAbsent(inputs + "/" + features + "/" + gamma,
                key -> new RandomFeatures(inputs, features, gamma));
    }

    public int size() {
        return phase.length;
    }

    public float[] apply(float[] x) {
        float[] out = new float[phase.length];
        for (int f = 0; f < out.length; f++) {
            double sum = phase[f];
            int row = f * inputs;
            for (int i = 0; i < inputs && i < x.length; i++) {
                sum += projection[row + i] * x[i];
            }
            out[f] = (float) (scale * Math.cos(sum));
        }
        return out;
    }

    /** Abramowitz and Stegun 7.1.26; enough for drawing phases. */
    private static double erf(double x) {
        double t = 1 / (1 + 0.3275911 * Math.abs(x));
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return x >= 0 ? y : -y;
    }
}
