package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code providers.models[].pricing}: price per million tokens.
 *
 * @param promptPer1m     price of one million prompt tokens; nullable
 * @param completionPer1m price of one million completion tokens; nullable
 * @param currency        ISO currency code, {@code USD} by default
 * @param origin          where the price came from; {@link PriceOrigin#CONFIG} for a price bound from the file (not
 *                        settable in it)
 * @param source          for a price from the table, its source and date; for a local model, the backend that makes
 *                        it local; null for a configured price (not settable in the file)
 */
public record Pricing(
        @JsonProperty("prompt_per_1m") Double promptPer1m,
        @JsonProperty("completion_per_1m") Double completionPer1m,
        String currency,
        @JsonIgnore PriceOrigin origin,
        @JsonIgnore String source) {

    public static final String DEFAULT_CURRENCY = "USD";

    public Pricing {
        currency = currency == null ? DEFAULT_CURRENCY : currency;
        origin = origin == null ? PriceOrigin.CONFIG : origin;
    }

    /** A price written in the config file. */
    public Pricing(Double promptPer1m, Double completionPer1m, String currency) {
        this(promptPer1m, completionPer1m, currency, PriceOrigin.CONFIG, null);
    }

    /** Whether the config file itself gave this price (a hard cost ceiling applies only to such prices). */
    @JsonIgnore
    public boolean configured() {
        return origin == PriceOrigin.CONFIG;
    }

    /** What {@code tokens} of prompt and completion cost at this price; null when the price names neither side. */
    public Double cost(long promptTokens, long completionTokens) {
        if (promptPer1m == null && completionPer1m == null) {
            return null;
        }
        return (promptTokens * (promptPer1m == null ? 0 : promptPer1m)
                + completionTokens * (completionPer1m == null ? 0 : completionPer1m)) / 1_000_000.0;
    }
}
