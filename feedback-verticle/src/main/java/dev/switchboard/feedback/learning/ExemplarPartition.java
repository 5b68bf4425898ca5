package dev.switchboard.feedback.learning;

import dev.switchboard.contracts.bus.ExemplarClusters;
import dev.switchboard.contracts.bus.Int8Rows;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.learning.OnlineClusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Clusters the exemplar memory for the routers' search ({@link ExemplarClusters}): spherical k-means with about √n
 * centroids (and, in memories beyond 16,384, one per {@value #LARGEST_MEAN_CLUSTER} exemplars), trained on the learning thread once the memory holds {@value #MIN_PARTITIONED} exemplars of one
 * embedding model, again each time that count has doubled, and after every {@code capacity} additions (the memory has
 * been renewed: the clusters follow the traffic). Between trainings each new exemplar joins its nearest centroid;
 * exemplars of another model than the centroids' stay unpartitioned, and every search includes them. Training is
 * deterministic (evenly spaced seeds, a fixed number of iterations), so the same events give the same clusters on
 * every instance. Below the threshold there are no clusters: a full scan of 2,048 exemplars costs about 0.4 ms.
 * Not thread-safe: the learning loop owns it.
 */
final class ExemplarPartition {

    static final int MIN_PARTITIONED = 2_048;
    static final int MIN_CLUSTERS = 16;
    static final int MAX_CLUSTERS = 1_024;
    /**
     * Exemplars per cluster at most on average. √n clusters keep a search at about a quarter of a memory of 5,000, but
     * their size grows with the memory: at 100,000 (256 clusters trained at 65,536) the 16 probed held 6,250 int8 rows,
     * 2.0 ms a search on 2 cores. Beyond 16,384 the clusters are made smaller instead, so that a search reads a few
     * thousand rows whatever the memory's size.
     */
    static final int LARGEST_MEAN_CLUSTER = 128;
    static final int ITERATIONS = 6;
    /**
     * Memories from this size on get packed int8 rows ({@link PackedRows}). Below it the exemplars' float vectors
     * (12 MB at this size) stay in the CPU's caches from one search to the next, and a float dot product is about
     * three times faster than an int8 one in Java 17's scalar code: knn with 5,000 learned went from 339-447 µs to
     * 468 µs p50 with int8 rows. Beyond it the float scan waits on memory (0.8 µs a vector at 100,000).
     */
    static final int PACKED_FROM = 8_192;
    /** Exemplars k-means is trained on at most (evenly spaced through the memory); all are then assigned. */
    static final int TRAINING_SAMPLE = 16_384;

    private final int capacity;
    private final Map<LearnedState.Exemplar, Integer> clusterOf = new IdentityHashMap<>();
    private final Map<String, Integer> perModel = new HashMap<>();
    private String embeddingModel;
    private float[][] centroids;
    /** Per cluster, its members' vectors packed for the routers' first pass; null below {@link #PACKED_FROM}. */
    private PackedRows[] rows;
    private int trainedOn;
    private int addedSinceTraining;

    /** @param capacity the memory's capacity: after that many additions the clusters are trained again */
    ExemplarPartition(int capacity) {
        this.capacity = capacity;
    }

    /** The memory (oldest first, {@code added} included) took {@code added} and forgot {@code forgotten} (nullable). */
    void added(LearnedState.Exemplar added, LearnedState.Exemplar forgotten, List<LearnedState.Exemplar> memory) {
        if (forgotten != null) {
            Integer cluster = clusterOf.remove(forgotten);
            if (cluster != null && rows != null) {
                rows[cluster].forgetOldest();
            }
            perModel.merge(forgotten.embeddingModel(), -1, Integer::sum);
        }
        int ofModel = perModel.merge(added.embeddingModel(), 1, Integer::sum);
        addedSinceTraining++;
        boolean sameModel = added.embeddingModel().equals(embeddingModel);
        if (ofModel >= MIN_PARTITIONED && (centroids == null || !sameModel || ofModel >= 2 * trainedOn
                || addedSinceTraining >= capacity)) {
            train(added.embeddingModel(), added.vector().length, memory);
        } else if (centroids != null && sameModel && added.vector().length == centroids[0].length) {
            int cluster = nearest(centroids, added.vector());
            clusterOf.put(added, cluster);
            if (rows != null) {
                rows[cluster].append(added.vector());
            }
        }
    }

    /** Starts over on these exemplars (a restored snapshot), training at once when there are enough. */
    void rebuild(List<LearnedState.Exemplar> memory) {
        clear();
        memory.forEach(e -> perModel.merge(e.embeddingModel(), 1, Integer::sum));
        if (!memory.isEmpty()) {
            LearnedState.Exemplar newest = memory.get(memory.size() - 1);
            if (perModel.get(newest.embeddingModel()) >= MIN_PARTITIONED) {
                train(newest.embeddingModel(), newest.vector().length, memory);
            }
        }
    }

    void clear() {
        clusterOf.clear();
        perModel.clear();
        embeddingModel = null;
        centroids = null;
        rows = null;
        trainedOn = 0;
        addedSinceTraining = 0;
    }

    /** The clusters over this memory (oldest first, positions as in it); null before the first training. */
    ExemplarClusters clusters(List<LearnedState.Exemplar> memory) {
        if (centroids == null) {
            return null;
        }
        int[] sizes = new int[centroids.length];
        int[] cluster = new int[memory.size()];
        int unpartitioned = 0;
        for (int p = 0; p < cluster.length; p++) {
            Integer c = clusterOf.get(memory.get(p));
            cluster[p] = c == null ? -1 : c;
            if (c == null) {
                unpartitioned++;
            } else {
                sizes[c]++;
            }
        }
        int[][] members = new int[centroids.length][];
        for (int c = 0; c < members.length; c++) {
            members[c] = new int[sizes[c]];
        }
        int[] rest = new int[unpartitioned];
        int[] filled = new int[centroids.length];
        int restFilled = 0;
        for (int p = 0; p < cluster.length; p++) {
            if (cluster[p] < 0) {
                rest[restFilled++] = p;
            } else {
                members[cluster[p]][filled[cluster[p]]++] = p;
            }
        }
        // The centroids are never changed after training (a training makes new ones), so they can be shared; so
        // can the packed rows, which only grow beyond what is published.
        Int8Rows[] packed = rows == null ? null : new Int8Rows[centroids.length];
        for (int c = 0; packed != null && c < packed.length; c++) {
            if (rows[c].live() != members[c].length) {
                // Cannot happen while the memory forgets oldest first; if it did, the exact vectors still serve.
                packed = null;
                break;
            }
            packed[c] = rows[c].published();
        }
        return new ExemplarClusters(embeddingModel, centroids, members, rest, packed);
    }

    private void train(String model, int dimension, List<LearnedState.Exemplar> memory) {
        List<LearnedState.Exemplar> partitioned = new ArrayList<>();
        for (LearnedState.Exemplar e : memory) {
            if (e.embeddingModel().equals(model) && e.vector().length == dimension) {
                partitioned.add(e);
            }
        }
        float[][] sample = new float[Math.min(partitioned.size(), TRAINING_SAMPLE)][];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = partitioned.get((int) ((long) i * partitioned.size() / sample.length)).vector();
        }
        int n = partitioned.size();
        int k = Math.max(MIN_CLUSTERS, Math.min(MAX_CLUSTERS,
                Math.max((int) Math.round(Math.sqrt(n)), n / LARGEST_MEAN_CLUSTER)));
        float[][] trained = kmeans(sample, Math.min(k, sample.length), dimension);
        clusterOf.clear();
        rows = n >= PACKED_FROM ? new PackedRows[trained.length] : null;
        for (int c = 0; rows != null && c < rows.length; c++) {
            rows[c] = new PackedRows(dimension);
        }
        // In memory order (oldest first), as the members are listed and forgotten.
        for (LearnedState.Exemplar e : partitioned) {
            int cluster = nearest(trained, e.vector());
            clusterOf.put(e, cluster);
            if (rows != null) {
                rows[cluster].append(e.vector());
            }
        }
        embeddingModel = model;
        centroids = trained;
        trainedOn = partitioned.size();
        addedSinceTraining = 0;
    }

    /** Spherical k-means: seeds evenly spaced through the sample, {@value #ITERATIONS} rounds of assign and average. */
    static float[][] kmeans(float[][] sample, int k, int dimension) {
        float[][] centres = new float[k][];
        for (int c = 0; c < k; c++) {
            centres[c] = sample[(int) ((long) c * sample.length / k)].clone();
        }
        int[] assigned = new int[sample.length];
        for (int round = 0; round < ITERATIONS; round++) {
            for (int i = 0; i < sample.length; i++) {
                assigned[i] = nearest(centres, sample[i]);
            }
            double[][] sums = new double[k][dimension];
            int[] counts = new int[k];
            for (int i = 0; i < sample.length; i++) {
                double[] sum = sums[assigned[i]];
                float[] x = sample[i];
                for (int d = 0; d < dimension; d++) {
                    sum[d] += x[d];
                }
                counts[assigned[i]]++;
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    centres[c] = unit(sums[c], centres[c]);
                }
                // An empty cluster keeps its centre: with seeds taken from the sample that is rare and harmless.
            }
        }
        return centres;
    }

    private static float[] unit(double[] sum, float[] otherwise) {
        double norm = 0;
        for (double v : sum) {
            norm += v * v;
        }
        if (norm == 0) {
            return otherwise;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
            out[d] = (float) (sum[d] / norm);
        }
        return out;
    }

    /** The nearest of {@code centres} (there is at least one), by the learners' own search. */
    static int nearest(float[][] centres, float[] x) {
        return OnlineClusters.nearest(centres, centres.length, x);
    }
}
