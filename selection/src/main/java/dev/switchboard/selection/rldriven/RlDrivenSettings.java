package dev.switchboard.selection.rldriven;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code rl_driven}: a Beta-Bernoulli bandit over the candidates, learned online from feedback.
 *
 * @param useThompsonSampling sample the posteriors (true, default) or use epsilon-greedy
 * @param explorationRate     initial epsilon of epsilon-greedy; 0.3 by default
 * @param minExploration      floor of epsilon; 0.05 by default
 * @param costWeight          strength of the bonus for cheaper models; 0.2 by default
 */
public record RlDrivenSettings(
        @JsonProperty("use_thompson_sampling") Boolean useThompsonSampling,
        @JsonProperty("exploration_rate") Double explorationRate,
        @JsonProperty("min_exploration") Double minExploration,
        @JsonProperty("cost_weight") Double costWeight) {

    public RlDrivenSettings {
        useThompsonSampling = useThompsonSampling == null || useThompsonSampling;
        explorationRate = explorationRate == null ? 0.3 : explorationRate;
        minExploration = minExploration == null ? 0.05 : minExploration;
        costWeight = costWeight == null ? 0.2 : costWeight;
    }
}
