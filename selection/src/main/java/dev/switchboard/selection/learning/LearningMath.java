package dev.switchboard.selection.learning;

import dev.switchboard.selection.Vectors;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The small pieces of arithmetic the learners share. */
public final class LearningMath {

    /** The smallest prior probability a log is taken of: a model the cards rule out is still learnable. */
    static final double PRIOR_FLOOR = 1e-4;

    private LearningMath() {
    }

    public static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /**
     * The cards' log-prior of a model, the input every learner starts from; 0 when there is no prior (no cards),
     * so that a learner then learns from feedback alone.
     */
    public static double logPrior(Map<String, Double> prior, String model) {
        if (prior.isEmpty()) {
            return 0;
        }
        return Math.log(Math.max(PRIOR_FLOOR, prior.getOrDefault(model, PRIOR_FLOOR)));
    }

    public static double dot(float[] a, float[] b) {
        // The unrolled loop: the learners' cover searches (512 centroids for every step) made the naive one the
        // learning thread's hottest code in the soak.
        return Vectors.dot(a, b);
    }

    /** {@code n} Gaussian values with this standard deviation, the same for the same seed on every instance. */
    public static float[] gaussian(int n, double deviation, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * deviation);
        }
        return out;
    }

    /**
     * The older exemplars a learner revisits after learning the one at {@code sequence}: {@code count} positions in a
     * memory of {@code size}, drawn from the sequence number (so every instance revisits the same ones). Revisiting
     * is what lets a single pass over the stream converge like several epochs would.
     */
    public static <T> List<T> revisits(long sequence, long salt, List<T> memory, int count) {
        if (memory.size() < 2 || count <= 0) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(sequence * 0x9E3779B97F4A7C15L ^ salt);
        Object[] picks = new Object[count];
        for (int i = 0; i < count; i++) {
            picks[i] = memory.get(random.nextInt(memory.size()));
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) List.of(picks);
        return list;
    }
}
