package dev.switchboard.selection.hybrid;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code hybrid}: a weighted blend of learned experience, card similarity, predicted quality and cost.
 *
 * @param experienceWeight weight of learned ratings; 0.3 by default
 * @param routerDcWeight   weight of card similarity; 0.3 by default
 * @param automixWeight    weight of predicted quality; 0.2 by default
 * @param costWeight       weight of (inverted) cost; 0.2 by default
 */
public record HybridSettings(
        @JsonProperty("experience_weight") Double experienceWeight,
        @JsonProperty("router_dc_weight") Double routerDcWeight,
        @JsonProperty("automix_weight") Double automixWeight,
        @JsonProperty("cost_weight") Double costWeight) {

    public HybridSettings {
        experienceWeight = experienceWeight == null ? 0.3 : experienceWeight;
        routerDcWeight = routerDcWeight == null ? 0.3 : routerDcWeight;
        automixWeight = automixWeight == null ? 0.2 : automixWeight;
        costWeight = costWeight == null ? 0.2 : costWeight;
    }
}
