package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code global.learning}: how much the feedback loop remembers and how outcomes count.
 *
 * @param maxExemplars   prompts remembered with their model and reward (newest kept), for {@code knn} and
 *                       {@code multi_factor}'s learned quality; each routed request compares its prompt with all of
 *                       them on the router's event loop (1.5–3 ms for 5,000 on two vCPUs), so raise it with care.
 *                       5,000 by default
 * @param implicitWeight weight of a response outcome (2xx success, anything else failure) against one piece of
 *                       explicit feedback; 0.3 by default
 */
public record LearningConfig(
        @JsonProperty("max_exemplars") Integer maxExemplars,
        @JsonProperty("implicit_weight") Double implicitWeight) {

    public LearningConfig {
        maxExemplars = maxExemplars == null ? 5_000 : maxExemplars;
        implicitWeight = implicitWeight == null ? 0.3 : implicitWeight;
    }

    static LearningConfig defaults() {
        return new LearningConfig(null, null);
    }
}
