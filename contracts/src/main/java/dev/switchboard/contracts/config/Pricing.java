package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code providers.models[].pricing}: price per million tokens.
 *
 * @param promptPer1m     price of one million prompt tokens; nullable
 * @param completionPer1m price of one million completion tokens; nullable
 * @param currency        ISO currency code, {@code USD} by default
 */
public record Pricing(
        @JsonProperty("prompt_per_1m") Double promptPer1m,
        @JsonProperty("completion_per_1m") Double completionPer1m,
        String currency) {

    public Pricing {
        currency = currency == null ? "USD" : currency;
    }
}
