package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code routing.signals.context[]}: the request's estimated token count lies in a range.
 *
 * @param name        rule name referenced by conditions of type {@code context}
 * @param description free text; nullable
 * @param minTokens   inclusive lower bound; nullable (no bound). Accepts {@code 32K}, {@code 1M} or a number
 * @param maxTokens   inclusive upper bound; nullable (no bound)
 */
public record ContextSignal(
        String name,
        String description,
        @JsonProperty("min_tokens") TokenCount minTokens,
        @JsonProperty("max_tokens") TokenCount maxTokens) {
}
