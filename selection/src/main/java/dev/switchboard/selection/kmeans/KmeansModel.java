package dev.switchboard.selection.kmeans;

import dev.switchboard.selection.learning.EmbeddingBound;
import dev.switchboard.selection.learning.LinearHeads;
import dev.switchboard.selection.learning.OnlineClusters;
import java.util.Map;

/**
 * What online k-means has fitted, immutable: the centroids, one head per model over the soft cluster memberships
 * (its learned correction of the prior in each cluster), and how much feedback each model has had in each cluster.
 *
 * @param embeddingModel the embedding model; null before any feedback
 * @param capacity       cluster slots ({@code num_clusters})
 * @param centroids      the founded clusters' centroids
 * @param heads          per model, over the memberships
 * @param served         per model, the feedback weight in each cluster
 * @param examples       how many exemplars it has learned
 */
public record KmeansModel(String embeddingModel, int capacity, float[][] centroids, LinearHeads.Frozen heads,
        Map<String, double[]> served, long examples) implements EmbeddingBound {

    static final KmeansModel UNTRAINED = new KmeansModel(null, 0, new float[0][], LinearHeads.Frozen.UNTRAINED,
            Map.of(), 0);

    float[] memberships(float[] x) {
        return OnlineClusters.memberships(centroids, centroids.length, capacity, x);
    }

    /** The feedback weight a model has had in the clusters of a prompt with these memberships. */
    double evidence(String model, float[] memberships) {
        double[] counts = served.get(model);
        if (counts == null) {
            return 0;
        }
        double sum = 0;
        for (int c = 0; c < counts.length && c < memberships.length; c++) {
            sum += memberships[c] * counts[c];
        }
        return sum;
    }
}
