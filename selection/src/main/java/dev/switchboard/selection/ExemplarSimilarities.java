package dev.switchboard.selection;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.LearnedState;
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
 * unpartitioned ones); the others, like a vector of another dimension, are not compared and no vote counts them. That is
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

    /**
     * The exemplars compared with the prompt: their positions in the memory and their cosines, in the first
     * {@code size} entries of each array. An exemplar of another dimension, or (with clusters) of a cluster not
     * probed, is not among them. Only these are read by the votes, so a memory of 100,000 costs its probed part.
     */
    public record Scanned(int[] positions, double[] cosines, int size) {

        /** The cosine with the exemplar at {@code position}, NaN when it was not compared (a linear search). */
        public double cosineOf(int position) {
            for (int i = 0; i < size; i++) {
                if (positions[i] == position) {
                    return cosines[i];
                }
            }
            return Double.NaN;
        }
    }

    private List<LearnedState.Exemplar> scannedMemory;
    private Scanned scanned;

    /**
     * The cosines of {@code prompt} with the learned exemplars it is compared with: all of one dimension, or with
     * clusters those of the prompt's nearest clusters and the unpartitioned.
     */
    public Scanned of(float[] prompt, LearnedState learned) {
        List<LearnedState.Exemplar> exemplars = learned.exemplars();
        if (scanned == null || scannedMemory != exemplars) {
            ExemplarClusters clusters = learned.clusters();
            scanned = clusters == null || clusters.dimension() != prompt.length || clusters.centroids().length <= PROBES
                    ? all(prompt, exemplars) : nearClusters(prompt, exemplars, clusters);
            scannedMemory = exemplars;
        }
        return scanned;
    }

    private static Scanned all(float[] prompt, List<LearnedState.Exemplar> exemplars) {
        Collector collector = new Collector(exemplars.size());
        for (int e = 0; e < exemplars.size(); e++) {
            collector.compare(prompt, exemplars, e);
        }
        return collector.scanned();
    }

    private static Scanned nearClusters(float[] prompt, List<LearnedState.Exemplar> exemplars,
            ExemplarClusters clusters) {
        float[][] centroids = clusters.centroids();
        Nearest nearest = new Nearest(PROBES);
        for (int c = 0; c < centroids.length; c++) {
            nearest.offer(Vectors.dot(prompt, centroids[c]), c);
        }
        int members = clusters.unpartitioned().length;
        for (int n = 0; n < nearest.size; n++) {
            members += clusters.members()[nearest.item[n]].length;
        }
        Collector collector = new Collector(members);
        for (int n = 0; n < nearest.size; n++) {
            for (int position : clusters.members()[nearest.item[n]]) {
                collector.compare(prompt, exemplars, position);
            }
        }
        for (int position : clusters.unpartitioned()) {
            collector.compare(prompt, exemplars, position);
        }
        return collector.scanned();
    }

    /** Gathers the compared exemplars' positions and cosines, leaving out those of another dimension. */
    private static final class Collector {
        private final int[] positions;
        private final double[] cosines;
        private int size;

        Collector(int capacity) {
            positions = new int[capacity];
            cosines = new double[capacity];
        }

        void compare(float[] prompt, List<LearnedState.Exemplar> exemplars, int position) {
            float[] vector = exemplars.get(position).vector();
            if (vector.length == prompt.length) {
                positions[size] = position;
                cosines[size++] = Vectors.dot(prompt, vector);
            }
        }

        Scanned scanned() {
            return new Scanned(positions, cosines, size);
        }
    }
}
