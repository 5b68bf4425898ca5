package dev.switchboard.contracts.config;

import java.util.List;

/**
 * One entry of {@code routing.signals.preferences[]}: the prompt states a response-style preference like one of the
 * examples (cosine similarity, as for {@link EmbeddingSignal} with {@code max}).
 *
 * @param name        rule name referenced by conditions of type {@code preference}
 * @param description free text; nullable, and an example when there are none
 * @param examples    example phrases of the preference
 * @param threshold   the least cosine to the closest example, in [-1, 1]; 0.7 when absent
 */
public record PreferenceSignal(
        String name,
        String description,
        List<String> examples,
        Double threshold) {

    public static final double DEFAULT_THRESHOLD = 0.7;

    public PreferenceSignal {
        examples = Lists.immutable(examples);
        threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
    }
}
