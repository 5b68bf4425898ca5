package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.signals.embeddings[]}: the prompt's cosine similarity to example phrases.
 *
 * @param name              rule name referenced by conditions of type {@code embedding}
 * @param description       free text; nullable
 * @param candidates        example phrases
 * @param threshold         the rule matches when the aggregated similarity reaches this value, in [-1, 1]
 * @param aggregationMethod {@code max} (default), {@code mean}, or {@code any} (same as max)
 */
public record EmbeddingSignal(
        String name,
        String description,
        List<String> candidates,
        Double threshold,
        @JsonProperty("aggregation_method") String aggregationMethod) {

    public EmbeddingSignal {
        candidates = Lists.immutable(candidates);
        aggregationMethod = aggregationMethod == null ? "max" : aggregationMethod;
    }
}
