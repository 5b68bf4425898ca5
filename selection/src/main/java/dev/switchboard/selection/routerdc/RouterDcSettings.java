package dev.switchboard.selection.routerdc;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code router_dc}: cosine between the prompt and each model card.
 *
 * @param temperature     softmax temperature of the per-candidate scores; 0.07 by default
 * @param minSimilarity   the best card must reach this on the reference's scale, {@code sigmoid(cos / temperature)},
 *                        or the first candidate is used; 0.3 by default
 * @param useCapabilities whether the card's capabilities are embedded with its description; true by default
 */
public record RouterDcSettings(
        Double temperature,
        @JsonProperty("min_similarity") Double minSimilarity,
        @JsonProperty("use_capabilities") Boolean useCapabilities) {

    public RouterDcSettings {
        temperature = temperature == null ? 0.07 : temperature;
        minSimilarity = minSimilarity == null ? 0.3 : minSimilarity;
        useCapabilities = useCapabilities == null || useCapabilities;
    }
}
