package dev.switchboard.selection.elo;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code elo} (RouteLLM's Elo router): each candidate's rating from the feedback loop (the decision's table when the
 * model has comparisons there, else the global one, else {@code initial_rating}), turned into Bradley-Terry win
 * probabilities {@code 10^(R/400) / Σ 10^(Rj/400)}, optionally times a bonus for cheaper models
 * {@code 1 + cheapness × cost_scaling_factor}; the most probable wins (the first candidate while nothing is known).
 * Confidence grows with the winner's comparisons: {@code 1/(1+e^(-0.2(n - min_comparisons)))}.
 */
public final class EloSelection implements SelectionAlgorithm {

    private final EloSettings config;

    public EloSelection(EloSettings config) {
        this.config = config;
    }

    @Override
    public Selection select(SelectionInput input) {
        List<Candidate> candidates = input.candidates();
        double[] ratings = new double[candidates.size()];
        long[] comparisons = new long[candidates.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates.size(); i++) {
            Optional<LearnedState.ModelStats> stats = rating(input, candidates.get(i).model());
            // Learned ratings start at 1500; a configured initial rating shifts the whole scale.
            ratings[i] = config.initialRating() + stats.map(s -> s.rating() - EloSettings.START_RATING).orElse(0.0);
            comparisons[i] = stats.map(LearnedState.ModelStats::comparisons).orElse(0L);
            max = Math.max(max, ratings[i]);
        }
        double[] strength = new double[candidates.size()];
        double total = 0;
        for (int i = 0; i < candidates.size(); i++) {
            strength[i] = Math.pow(10, (ratings[i] - max) / 400);
            total += strength[i];
        }
        double[] cheapness = config.costScaling() > 0 ? Scores.cheapness(candidates) : null;
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            double probability = strength[i] / total;
            double bonus = cheapness == null ? 1 : 1 + cheapness[i] * config.costScaling();
            Map<String, Double> components = new LinkedHashMap<>();
            components.put("rating", ratings[i]);
            components.put("win_probability", probability);
            components.put("comparisons", (double) comparisons[i]);
            if (cheapness != null) {
                components.put("cost_bonus", bonus);
            }
            scores.add(new CandidateScore(candidates.get(i).model(), probability * bonus, components));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        double n = ranked.get(0).components().get("comparisons");
        return new Selection(ranked.get(0).model(), 1 / (1 + Math.exp(-0.2 * (n - config.minComparisons()))),
                ranked);
    }

    private static Optional<LearnedState.ModelStats> rating(SelectionInput input, String model) {
        return input.learned().stats(input.decision(), model).filter(s -> s.comparisons() > 0)
                .or(() -> input.learned().stats(LearnedState.GLOBAL, model).filter(s -> s.comparisons() > 0));
    }
}
