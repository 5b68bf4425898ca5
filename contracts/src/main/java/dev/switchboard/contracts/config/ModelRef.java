package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code routing.decisions[].modelRefs[]}: a candidate model of the decision.
 *
 * @param model        logical name of a model in {@code providers.models}
 * @param weight       relative weight for algorithms that use one; 1 by default
 * @param useReasoning whether the model should run in reasoning mode for this decision; false by default
 */
public record ModelRef(String model, Double weight, @JsonProperty("use_reasoning") Boolean useReasoning) {

    public ModelRef {
        weight = weight == null ? 1.0 : weight;
        useReasoning = useReasoning != null && useReasoning;
    }
}
