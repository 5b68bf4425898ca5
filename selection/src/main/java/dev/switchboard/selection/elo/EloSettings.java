package dev.switchboard.selection.elo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code elo}: Bradley-Terry ratings learned online from feedback.
 *
 * @param initialRating  rating of a model without feedback; 1500 by default
 * @param kFactor        update step; 32 by default
 * @param minComparisons comparisons before the rating is trusted (confidence 0.5); 5 by default
 * @param costScaling    strength of the bonus for cheaper models; 0 by default
 */
public record EloSettings(
        @JsonProperty("initial_rating") Double initialRating,
        @JsonProperty("k_factor") Double kFactor,
        @JsonProperty("min_comparisons") Integer minComparisons,
        @JsonProperty("cost_scaling_factor") Double costScaling) {

    /** The rating every model starts from in the learned state. */
    public static final double START_RATING = 1500;
    public static final double DEFAULT_K = 32;

    public EloSettings {
        initialRating = initialRating == null ? START_RATING : initialRating;
        kFactor = kFactor == null ? DEFAULT_K : kFactor;
        minComparisons = minComparisons == null ? 5 : minComparisons;
        costScaling = costScaling == null ? 0.0 : costScaling;
    }
}
