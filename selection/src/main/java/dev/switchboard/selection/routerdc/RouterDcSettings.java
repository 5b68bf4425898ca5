package dev.switchboard.selection.routerdc;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code router_dc}: cosine between the prompt and each model card.
 *
 * @param temperature     softmax temperature of the per-candidate scores; 0.07 by default
 * @param minSimilarity   the best card must reach this on the reference's scale, {@code sigmoid(cos / temperature)},
 *                        or the first candidate is used; 0.3 by default
 * @param useCapabilities whether a card is matched with its capabilities (the capability bank's anchors given to it,
 *                        and what feedback taught) or by its description's cosine alone; true by default
 * @param learningRate    Switchboard's: the step of each contrastive update of the model embeddings; 0.15 by default
 */
public record RouterDcSettings(
        Double temperature,
        @JsonProperty("min_similarity") Double minSimilarity,
        @JsonProperty("use_capabilities") Boolean useCapabilities,
        @JsonProperty("learning_rate") Double learningRate) {

    /** The reference's temperature of the cosines' softmax. */
    public static final double DEFAULT_TEMPERATURE = 0.07;

    public RouterDcSettings {
        temperature = temperature == null ? DEFAULT_TEMPERATURE : temperature;
        minSimilarity = minSimilarity == null ? 0.3 : minSimilarity;
        useCapabilities = useCapabilities == null || useCapabilities;
        learningRate = learningRate == null ? 0.15 : learningRate;
    }
}
