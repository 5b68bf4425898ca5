package dev.switchboard.selection.sessionaware;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * {@code session_aware}: keeps a conversation on its model unless switching is clearly better.
 *
 * @param base                 algorithm whose scores are adjusted, configured by its own block in the same
 *                             {@code algorithm} mapping; {@code hybrid} by default
 * @param stayBias             bonus of the conversation's current model; 0.10 by default
 * @param switchMargin         extra margin a different model needs; 0.05 by default
 * @param handoffPenalty       penalty of any switch; 0.05 by default
 * @param minTurnsBeforeSwitch turns on one model before a switch is allowed; 1 by default
 * @param idleTimeout          after this idle time the conversation starts afresh; 300 s by default
 */
public record SessionAwareSettings(
        String base,
        @JsonProperty("stay_bias") Double stayBias,
        @JsonProperty("switch_margin") Double switchMargin,
        @JsonProperty("handoff_penalty") Double handoffPenalty,
        @JsonProperty("min_turns_before_switch") Integer minTurnsBeforeSwitch,
        @JsonProperty("idle_timeout") Duration idleTimeout) {

    public SessionAwareSettings {
        base = base == null ? "hybrid" : base;
        stayBias = stayBias == null ? 0.10 : stayBias;
        switchMargin = switchMargin == null ? 0.05 : switchMargin;
        handoffPenalty = handoffPenalty == null ? 0.05 : handoffPenalty;
        minTurnsBeforeSwitch = minTurnsBeforeSwitch == null ? 1 : minTurnsBeforeSwitch;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(300) : idleTimeout;
    }
}
