package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code routing.signals.reasks[]}: the user repeats what they asked in the previous turns, a sign the
 * answers did not satisfy them.
 *
 * @param name          rule name referenced by conditions of type {@code reask}
 * @param description   free text; nullable
 * @param threshold     the least similarity of the latest turn to each of the previous ones, in [0, 1]; 0.8 when
 *                      absent
 * @param lookbackTurns how many previous user turns in a row it must repeat; 1 when absent
 */
public record ReaskSignal(
        String name,
        String description,
        Double threshold,
        @JsonProperty("lookback_turns") Integer lookbackTurns) {

    public static final double DEFAULT_THRESHOLD = 0.8;
    /** A request carries a bounded window of earlier user turns; a rule cannot look further back than that. */
    public static final int MAX_LOOKBACK_TURNS = dev.switchboard.contracts.bus.RouteRequest.MAX_EARLIER_TURNS;

    public ReaskSignal {
        threshold = threshold == null ? DEFAULT_THRESHOLD : threshold;
        lookbackTurns = lookbackTurns == null ? 1 : lookbackTurns;
    }
}
