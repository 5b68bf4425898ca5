package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A decision's {@code request_params} plugin: limits on the body forwarded to the model, as the reference enforces
 * them per route (a cheap tier with shorter answers, no log-probabilities).
 *
 * @param blockedParams    top-level fields removed from the body
 * @param defaultMaxTokens {@code max_tokens} set when the request gives neither it nor {@code max_completion_tokens};
 *                         nullable
 * @param maxTokensLimit   {@code max_tokens} and {@code max_completion_tokens} above it are lowered to it; nullable
 * @param maxN             {@code n} above it is lowered to it; nullable
 * @param stripUnknown     remove top-level fields the Chat Completions API does not define
 */
public record RequestParamsPlugin(
        @JsonProperty("blocked_params") List<String> blockedParams,
        @JsonProperty("default_max_tokens") Integer defaultMaxTokens,
        @JsonProperty("max_tokens_limit") Integer maxTokensLimit,
        @JsonProperty("max_n") Integer maxN,
        @JsonProperty("strip_unknown") Boolean stripUnknown) {

    public RequestParamsPlugin {
        blockedParams = Lists.immutable(blockedParams);
        stripUnknown = stripUnknown != null && stripUnknown;
    }
}
