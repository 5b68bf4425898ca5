package dev.switchboard.selection;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.Int8Rows;
import dev.switchboard.contracts.bus.LearnedState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The prompt's cosine with the remembered exemplars near it, computed once per request and shared by every vote
 * over it. Some algorithms vote more than once: {@code multi_factor} for its quality gate and its quality factor,
 * {@code gmtrouter} for the prompt and for the user's circle, {@code hybrid} through both.
 *
 * <p>With a full memory (5,000 exemplars of 384 dimensions, 7.7 MB) comparing with every exemplar took about 0.9 ms
 * on the CPUs of the development machine, most of a learned routing decision, and in the soak it kept the router's
 * event loop busy nine tenths of the time. When the learned state carries {@link ExemplarClusters}, the prompt is
 * compared with the centroids and then only with the exemplars of the {@value #PROBES} nearest clusters (and the
 * unpartitioned ones); the others, like a vector of another dimension, are not compared and no vote counts them.
 * That is an approximate nearest-neighbour search (an inverted file): a neighbour just across a cluster border can
 * be missed, and the next nearest votes instead; {@code docs/learning.md} gives the measured recall. When the
 * clusters carry their members' vectors packed as int8 rows ({@link Int8Rows}), the probed clusters are read from
 * those (a quarter of the bytes, contiguous) and the best candidates compared again exactly
 * ({@link Scanned#nearest}). One request's selection runs on one thread, so this needs no synchronisation.
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
     * Candidates kept from the first pass over packed int8 rows, per neighbour asked for: the best by the
     * approximate cosine are compared again exactly, and the nearest of those vote. An int8 cosine is off by about
     * 0.001 to 0.003, so a true neighbour ranked below four times {@code k} by it would be a rare miss indeed.
     */
    public static final int RERANKED_PER_NEIGHBOUR = 4;

    /** One neighbour: its position in the memory and its exact cosine with the prompt. */
    public record Neighbour(int position, double cosine) {
    }

    /**
     * The exemplars compared with the prompt: their positions in the memory and their cosines (approximate, from
     * packed int8 rows, when {@code approximate}), in the first {@code size} entries of each array. An exemplar of
     * another dimension, or (with clusters) of a cluster not probed, is not among them. Only these are read by the
     * votes, so a memory of 100,000 costs its probed part.
     */
    public record Scanned(int[] positions, double[] cosines, int size, boolean approximate, float[] prompt,
            List<LearnedState.Exemplar> exemplars) {

        /** The cosine found for the exemplar at {@code position}, NaN when it was not compared (a linear search). */
        public double cosineOf(int position) {
            for (int i = 0; i < size; i++) {
                if (positions[i] == position) {
                    return cosines[i];
                }
            }
            return Double.NaN;
        }

        /**
         * The {@code k} nearest compared exemplars that {@code include} admits (null: every one), by exact cosine:
         * after an approximate pass, the best {@value #RERANKED_PER_NEIGHBOUR} × k are compared again with their own
         * vectors.
         */
        public List<Neighbour> nearest(int k, Predicate<LearnedState.Exemplar> include) {
            Nearest first = new Nearest(approximate ? k * RERANKED_PER_NEIGHBOUR : k);
            for (int s = 0; s < size; s++) {
                // Without a filter the exemplar itself is not read: at 100,000 each read is a cache miss.
                if (include == null || include.test(exemplars.get(positions[s]))) {
                    first.offer(cosines[s], positions[s]);
                }
            }
            Nearest best = first;
            if (approximate) {
                best = new Nearest(k);
                for (int n = 0; n < first.size; n++) {
                    best.offer(Vectors.dot(prompt, exemplars.get(first.item[n]).vector()), first.item[n]);
                }
            }
            List<Neighbour> neighbours = new ArrayList<>(best.size);
            for (int n = 0; n < best.size; n++) {
                neighbours.add(new Neighbour(best.item[n], best.similarity[n]));
            }
            return neighbours;
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
        Collector collector = new Collector(prompt, exemplars, exemplars.size());
        for (int e = 0; e < exemplars.size(); e++) {
            collector.compare(e);
        }
        return collector.scanned(false);
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
        Collector collector = new Collector(prompt, exemplars, members);
        boolean packed = clusters.rows() != null;
        for (int n = 0; n < nearest.size; n++) {
            int[] positions = clusters.members()[nearest.item[n]];
            Int8Rows rows = packed ? clusters.rows()[nearest.item[n]] : null;
            for (int m = 0; m < positions.length; m++) {
                if (rows != null) {
                    collector.add(positions[m], Vectors.dot(prompt, rows, m));
                } else {
                    collector.compare(positions[m]);
                }
            }
        }
        for (int position : clusters.unpartitioned()) {
            collector.compare(position);
        }
        return collector.scanned(packed);
    }

    /** Gathers the compared exemplars' positions and cosines, leaving out those of another dimension. */
    private static final class Collector {
        private final float[] prompt;
        private final List<LearnedState.Exemplar> exemplars;
        private final int[] positions;
        private final double[] cosines;
        private int size;

        Collector(float[] prompt, List<LearnedState.Exemplar> exemplars, int capacity) {
            this.prompt = prompt;
            this.exemplars = exemplars;
            positions = new int[capacity];
            cosines = new double[capacity];
        }

        void compare(int position) {
            float[] vector = exemplars.get(position).vector();
            if (vector.length == prompt.length) {
                add(position, Vectors.dot(prompt, vector));
            }
        }

        void add(int position, double cosine) {
            positions[size] = position;
            cosines[size++] = cosine;
        }

        Scanned scanned(boolean approximate) {
            return new Scanned(positions, cosines, size, approximate, prompt, exemplars);
        }
    }
}
