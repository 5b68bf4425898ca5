package dev.switchboard.selection.automix;

import dev.switchboard.selection.learning.LearningMath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order automix escalates in and what it predicts from the cards: candidates from the weakest (cheapest) to the
 * strongest by their strength ({@code ModelStrength}), and for each the cards' probability that its answer is good
 * enough, the prior mass of itself and every weaker candidate (a prompt the cards give to a weaker model is within
 * a stronger one's reach). Without a strength order the candidates keep their order and each has its own prior.
 * The learner and the selection compute it alike, so what is learned is a correction of the same quantity.
 */
final class Cascade {

    private Cascade() {
    }

    /** The models from the first to try to the last, weakest first. */
    static List<String> order(List<String> models, Map<String, Double> strength) {
        List<String> ordered = new ArrayList<>(models);
        if (strength.keySet().containsAll(models)) {
            ordered.sort(Comparator.comparingDouble(strength::get));
        }
        return ordered;
    }

    /** The log-odds that the model's answer is good enough, by the cards. */
    static double priorLogOdds(String model, List<String> models, Map<String, Double> prior,
            Map<String, Double> strength) {
        if (prior.isEmpty()) {
            return 0;
        }
        double mass;
        if (strength.containsKey(model) && strength.keySet().containsAll(models)) {
            mass = 0;
            for (String other : models) {
                if (strength.get(other) <= strength.get(model)) {
                    mass += prior.getOrDefault(other, 0.0);
                }
            }
        } else {
            mass = Math.exp(LearningMath.logPrior(prior, model));
        }
        double p = Math.max(1e-4, Math.min(1 - 1e-4, mass));
        return Math.log(p / (1 - p));
    }
}
