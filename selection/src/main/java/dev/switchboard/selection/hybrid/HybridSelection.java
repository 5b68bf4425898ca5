package dev.switchboard.selection.hybrid;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.Normalise;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hybrid}: a weighted blend of component scores, each min-max normalised over the candidates: card similarity
 * to the prompt ({@code router_dc_weight}), prior quality from the card's {@code quality_score}
 * ({@code automix_weight}), inverted prompt price ({@code cost_weight}) and learned experience
 * ({@code experience_weight}, from the feedback loop's ratings once they exist). Weights are renormalised over the
 * components that have data, so a config without prices or ratings blends what it has.
 */
public final class HybridSelection implements SelectionAlgorithm {

    private final HybridSettings config;

    public HybridSelection(HybridSettings config) {
        this.config = config;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        List<Candidate> candidates = input.candidates();
        int n = candidates.size();
        Double[] similarity = new Double[n];
        if (input.promptVector() != null && candidates.stream().anyMatch(c -> c.cardVector() != null)) {
            double[] cosines = CardSimilarity.cosines(input);
            for (int i = 0; i < n; i++) {
                similarity[i] = candidates.get(i).cardVector() == null ? null : cosines[i];
            }
        }
        Double[] quality = new Double[n];
        Double[] price = new Double[n];
        Double[] experience = new Double[n];
        for (int i = 0; i < n; i++) {
            Candidate candidate = candidates.get(i);
            quality[i] = candidate.card() == null ? null : candidate.card().qualityScore();
            price[i] = candidate.promptPrice();
            // The decision's own rating when it has one, else the rating over every decision.
            experience[i] = input.learned().stats(input.decision(), candidate.model())
                    .or(() -> input.learned().stats(LearnedState.GLOBAL, candidate.model()))
                    .map(LearnedState.ModelStats::rating).orElse(null);
        }
        Map<String, double[]> components = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        put(components, weights, "experience", config.experienceWeight(),
                Normalise.minMax(experience, false));
        put(components, weights, "similarity", config.routerDcWeight(), Normalise.minMax(similarity, false));
        put(components, weights, "quality", config.automixWeight(), Normalise.minMax(quality, false));
        put(components, weights, "cost", config.costWeight(), Normalise.minMax(price, true));
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (components.isEmpty() || total <= 0) {
            throw new SelectionUnavailableException("hybrid has no component with data and a positive weight");
        }
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> parts = new LinkedHashMap<>();
            double score = 0;
            for (Map.Entry<String, double[]> component : components.entrySet()) {
                parts.put(component.getKey(), component.getValue()[i]);
                score += weights.get(component.getKey()) / total * component.getValue()[i];
            }
            scores.add(new CandidateScore(candidates.get(i).model(), score, parts));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(ranked.get(0).model(), Scores.marginConfidence(ranked), ranked);
    }

    private static void put(Map<String, double[]> components, Map<String, Double> weights, String name, double weight,
            double[] values) {
        if (values != null && weight > 0) {
            components.put(name, values);
            weights.put(name, weight);
        }
    }
}
