package dev.switchboard.contracts.bus;

import java.util.Map;

/**
 * One candidate model's score in a decision, with the components the algorithm combined.
 *
 * @param model      logical model name
 * @param score      the algorithm's final score; higher is better
 * @param components named parts of the score (e.g. {@code similarity}, {@code quality}, {@code cost})
 */
public record CandidateScore(String model, double score, Map<String, Double> components) {

    public CandidateScore {
        components = Map.copyOf(components);
    }
}
