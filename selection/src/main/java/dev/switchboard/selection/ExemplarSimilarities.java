package dev.switchboard.selection;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.LearnedState;
import java.util.Arrays;
import java.util.List;

/**
 * The prompt's cosine with the remembered exemplars near it, computed once per request and shared by every vote
 * over it. Some algorithms vote more than once: {@code multi_factor} for its quality gate and its quality factor,
 * {@code gmtrouter} for the prompt and for the user's circle, {@code hybrid} through both.
 *
 * <p>With a full memory (5,000 exemplars of 384 dimensions, 7.7 MB) comparing with every exemplar took about 0.9 ms
 * on the CPUs of the development machine, most of a learned routing decision, and in the soak it kept the router's
 * event loop busy nine tenths of the time. When the learned state carries {@link ExemplarClusters}, the prompt is
 * compared with the centroids and then only with the exemplars of the {@value #PROBES} nearest clusters (and the
 * unpartitioned ones); the others get NaN, as a vector of another dimension does, and no vote counts them. That is
 * an approximate nearest-neighbour search (an inverted file): a neighbour just across a cluster border can be missed,
 * and the next nearest votes instead; {@code docs/learning.md} gives the measured recall. One request's selection
 * runs on one thread, so this needs no synchronisation.
 */
public final class ExemplarSimilarities {

    /**
     * Clusters searched per prompt. With about √n clusters (64 to 71 at 5,000 exemplars) sixteen hold about a quarter
     * of the exemplars. On 5,000 MMLU questions embedded by the default model, 500 others searched ({@code bench
     * exemplar-search}): recall of the 7 nearest 0.980 (0.957 with 10 probes), all 7 found for 89 % of the prompts,
     * 0.35 ms a search against 1.30 ms for every exemplar.
     */
    public static final int PROBES = 16;

    private List<LearnedState.Exemplar> scanned;
    private double[] cosines;

    /**
     * The cosine of {@code prompt} with each of the learned exemplars, NaN where the dimensions differ or (with
     * clusters) where the exemplar's cluster is not among the prompt's nearest.
     */
    public double[] of(float[] prompt, LearnedState learned) {
        List<LearnedState.Exemplar> exemplars = learned.exemplars();
        if (cosines == null || scanned != exemplars) {
            ExemplarClusters clusters = learned.clusters();
            cosines = clusters == null || clusters.dimension() != prompt.length || clusters.centroids().length <= PROBES
                    ? all(prompt, exemplars) : nearClusters(prompt, exemplars, clusters);
            scanned = exemplars;
        }
        return cosines;
    }

    private static double[] all(float[] prompt, List<LearnedState.Exemplar> exemplars) {
        double[] computed = new double[exemplars.size()];
        for (int e = 0; e < computed.length; e++) {
            computed[e] = cosine(prompt, exemplars.get(e));
        }
        return computed;
    }

    private static double[] nearClusters(float[] prompt, List<LearnedState.Exemplar> exemplars,
            ExemplarClusters clusters) {
        double[] computed = new double[exemplars.size()];
        Arrays.fill(computed, Double.NaN);
        float[][] centroids = clusters.centroids();
        Nearest nearest = new Nearest(PROBES);
        for (int c = 0; c < centroids.length; c++) {
            nearest.offer(Vectors.dot(prompt, centroids[c]), c);
        }
        for (int n = 0; n < nearest.size; n++) {
            for (int position : clusters.members()[nearest.item[n]]) {
                computed[position] = cosine(prompt, exemplars.get(position));
            }
        }
        for (int position : clusters.unpartitioned()) {
            computed[position] = cosine(prompt, exemplars.get(position));
        }
        return computed;
    }

    private static double cosine(float[] prompt, LearnedState.Exemplar exemplar) {
        float[] vector = exemplar.vector();
        return vector.length == prompt.length ? Vectors.dot(prompt, vector) : Double.NaN;
    }
}
