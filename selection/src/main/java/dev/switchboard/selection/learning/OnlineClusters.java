package dev.switchboard.selection.learning;

import dev.switchboard.selection.Locality;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Online k-means over unit vectors (MacQueen's update, cosine distance): the first {@code capacity} distinct
 * vectors found the clusters; each later one moves its nearest centroid toward it by {@code 1/n} (n capped at
 * {@value #MAX_WEIGHT}, so that centroids keep following the traffic) and the centroid is renormalised. A prompt's
 * soft membership is the softmax of its cosines to the centroids at {@value #TEMPERATURE}. Mutable; bounded by
 * {@code capacity} centroids.
 */
public final class OnlineClusters {

    static final double TEMPERATURE = 0.05;
    static final int MAX_WEIGHT = 200;
    /** A vector this close to a centroid is no new cluster, even while there is room for one. */
    static final double SAME = 0.999;
    private static final String CENTROIDS = "centroids";
    private static final String COUNTS = "counts";

    private final int capacity;
    private final float[][] centroids;
    private final long[] counts;
    private int size;

    public OnlineClusters(int capacity) {
        this.capacity = capacity;
        this.centroids = new float[capacity][];
        this.counts = new long[capacity];
    }

    public int capacity() {
        return capacity;
    }

    /** Assigns the vector to a cluster (a new one while there is room) and moves that cluster's centroid. */
    public void add(float[] x) {
        int nearest = nearest(centroids, size, x);
        if (size < capacity && (nearest < 0 || LearningMath.dot(centroids[nearest], x) < SAME)) {
            centroids[size] = x.clone();
            counts[size++] = 1;
            return;
        }
        float[] c = centroids[nearest];
        counts[nearest]++;
        double step = 1.0 / Math.min(counts[nearest], MAX_WEIGHT);
        double norm = 0;
        for (int i = 0; i < c.length; i++) {
            c[i] += (float) (step * (x[i] - c[i]));
            norm += c[i] * c[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < c.length; i++) {
            c[i] /= (float) norm;
        }
    }

    /** The soft memberships of a vector, one per cluster slot (0 for slots not founded yet). */
    public float[] memberships(float[] x) {
        return memberships(centroids, size, capacity, x);
    }

    /**
     * How near the vector is to the nearest centroid ({@link Locality#nearness(double, double)} at {@code near});
     * 0 with no cluster yet.
     */
    public double reach(float[] x, double near) {
        return reach(centroids, size, x, near);
    }

    /** {@link #reach(float[], double)} over the first {@code size} of these centroids. */
    public static double reach(float[][] centroids, int size, float[] x, double near) {
        if (x == null || size == 0 || centroids[0].length != x.length) {
            return 0;
        }
        return Locality.nearness(LearningMath.dot(centroids[nearest(centroids, size, x)], x), near);
    }

    /** An immutable copy. */
    public float[][] centroidsCopy() {
        float[][] copy = new float[size][];
        for (int i = 0; i < size; i++) {
            copy[i] = centroids[i].clone();
        }
        return copy;
    }

    /** The index of the first {@code size} centroids with the largest dot product with {@code x}; -1 for none. */
    public static int nearest(float[][] centroids, int size, float[] x) {
        int best = -1;
        double bestSim = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < size; c++) {
            double sim = LearningMath.dot(centroids[c], x);
            if (sim > bestSim) {
                bestSim = sim;
                best = c;
            }
        }
        return best;
    }

    /**
     * Soft memberships of {@code x} over {@code size} centroids, padded to {@code capacity}, times how near the
     * nearest centroid is ({@link Locality#nearness}): a prompt far from every cluster belongs to none, so what was
     * learned in the clusters does not reach it.
     */
    public static float[] memberships(float[][] centroids, int size, int capacity, float[] x) {
        float[] out = new float[capacity];
        if (size == 0) {
            return out;
        }
        double[] sims = new double[size];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < size; c++) {
            sims[c] = centroids[c].length == x.length ? LearningMath.dot(centroids[c], x) : -1;
            max = Math.max(max, sims[c]);
        }
        double near = Locality.nearness(max);
        double sum = 0;
        for (int c = 0; c < size; c++) {
            sims[c] = Math.exp((sims[c] - max) / TEMPERATURE);
            sum += sims[c];
        }
        for (int c = 0; c < size; c++) {
            out[c] = (float) (near * sims[c] / sum);
        }
        return out;
    }

    public JsonObject save() {
        JsonArray saved = new JsonArray();
        JsonArray savedCounts = new JsonArray();
        for (int c = 0; c < size; c++) {
            saved.add(Floats.encode(centroids[c]));
            savedCounts.add(counts[c]);
        }
        return new JsonObject().put(CENTROIDS, saved).put(COUNTS, savedCounts);
    }

    /** Clusters saved by {@link #save}, in a set of this capacity. */
    public static OnlineClusters restore(JsonObject saved, int capacity) {
        OnlineClusters clusters = new OnlineClusters(capacity);
        JsonArray saving = saved.getJsonArray(CENTROIDS, new JsonArray());
        for (int c = 0; c < saving.size() && c < capacity; c++) {
            clusters.centroids[c] = Floats.decode(saving.getString(c));
            clusters.counts[c] = saved.getJsonArray(COUNTS).getLong(c);
            clusters.size++;
        }
        return clusters;
    }
}
