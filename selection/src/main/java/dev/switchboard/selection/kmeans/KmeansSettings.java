package dev.switchboard.selection.kmeans;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code kmeans} (or the reference's {@code ml.kmeans}): online k-means over prompt embeddings with a learned
 * per-cluster correction of each model's prior.
 *
 * @param numClusters      clusters of prompts; 8 by default (the reference's)
 * @param efficiencyWeight weight of cheapness beside predicted quality, as the reference's per-cluster "quality +
 *                         efficiency" (candidates with prices); 0.1 by default
 * @param pretrainedPath   the reference's offline-trained artefact; accepted and ignored with a warning
 */
public record KmeansSettings(
        @JsonProperty("num_clusters") Integer numClusters,
        @JsonProperty("efficiency_weight") Double efficiencyWeight,
        @JsonProperty("pretrained_path") String pretrainedPath) {

    public KmeansSettings {
        numClusters = numClusters == null ? 8 : numClusters;
        efficiencyWeight = efficiencyWeight == null ? 0.1 : efficiencyWeight;
    }
}
