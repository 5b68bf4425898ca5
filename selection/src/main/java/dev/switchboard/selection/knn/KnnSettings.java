package dev.switchboard.selection.knn;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code knn} (or the reference's {@code ml.knn}): the k remembered prompts nearest to this one, per candidate,
 * vote with the rewards their model earned (feedback joined to decisions by the feedback loop).
 *
 * @param k              neighbours per candidate; 5 by default (the reference's)
 * @param minExemplars   exemplars among the k neighbours from which knn stops exploring on live traffic; 3 by
 *                       default
 * @param pretrainedPath the reference's offline-trained artefact; accepted and ignored with a warning (Switchboard
 *                       learns online)
 */
public record KnnSettings(
        Integer k,
        @JsonProperty("min_exemplars") Integer minExemplars,
        @JsonProperty("pretrained_path") String pretrainedPath) {

    public KnnSettings {
        k = k == null ? 5 : k;
        minExemplars = minExemplars == null ? 3 : minExemplars;
    }
}
