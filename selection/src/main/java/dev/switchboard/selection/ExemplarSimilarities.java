package dev.switchboard.selection;

import dev.switchboard.contracts.bus.LearnedState;
import java.util.List;

/**
 * The prompt's cosine with every remembered exemplar, computed once per request and shared by every vote over it.
 * With a full memory (5,000 exemplars of 384 dimensions, 7.7 MB) that scan is most of what a learned routing
 * decision costs, and some algorithms vote more than once: {@code multi_factor} for its quality gate and its
 * quality factor, {@code gmtrouter} for the prompt and for the user's circle, {@code hybrid} through both.
 * One request's selection runs on one thread, so this needs no synchronisation.
 */
public final class ExemplarSimilarities {

    private List<LearnedState.Exemplar> scanned;
    private double[] cosines;

    /** The cosine of {@code prompt} with each of {@code exemplars} (NaN where the dimensions differ). */
    double[] of(float[] prompt, List<LearnedState.Exemplar> exemplars) {
        if (cosines == null || scanned != exemplars) {
            double[] computed = new double[exemplars.size()];
            for (int e = 0; e < computed.length; e++) {
                float[] vector = exemplars.get(e).vector();
                computed[e] = vector.length == prompt.length ? Vectors.dot(prompt, vector) : Double.NaN;
            }
            scanned = exemplars;
            cosines = computed;
        }
        return cosines;
    }
}
