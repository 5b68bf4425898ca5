package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of {@code routing.modelCards[]}: what a configured model is good at.
 *
 * @param name              logical name of a model in {@code providers.models}
 * @param paramSize         free-form size label such as {@code 7B}; nullable
 * @param contextWindowSize context window in tokens; nullable
 * @param description       natural-language description, the semantic anchor for embedding-based selection
 * @param capabilities      capability labels such as {@code chat}, {@code reasoning}, {@code tools}
 * @param qualityScore      prior quality in [0, 1]; nullable (unknown)
 * @param tags              free-form labels
 */
public record ModelCard(
        String name,
        @JsonProperty("param_size") String paramSize,
        @JsonProperty("context_window_size") Long contextWindowSize,
        String description,
        List<String> capabilities,
        @JsonProperty("quality_score") Double qualityScore,
        List<String> tags) {

    public ModelCard {
        description = description == null ? null : description.strip();
        capabilities = Lists.immutable(capabilities);
        tags = Lists.immutable(tags);
    }
}
