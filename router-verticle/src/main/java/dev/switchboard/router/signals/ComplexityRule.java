package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.ComplexitySignal;
import dev.switchboard.contracts.config.SignalsConfig;
import dev.switchboard.selection.Vectors;
import java.util.List;
import java.util.Map;

/**
 * A compiled {@code routing.signals.complexity[]} rule: the prompt's closest hard example's cosine minus its closest
 * easy example's is the score; at or above the hard bound it matches {@code <name>:hard}, at or below the easy bound
 * {@code <name>:easy}, else {@code <name>:medium}. The confidence is how far the score lies past the bound it crossed
 * (for medium, from the nearer bound), scaled to [0, 1].
 */
public record ComplexityRule(String name, List<float[]> hard, List<float[]> easy, double hardBound,
        double easyBound) {

    public static ComplexityRule of(ComplexitySignal signal, List<float[]> hard, List<float[]> easy) {
        return new ComplexityRule(signal.name(), List.copyOf(hard), List.copyOf(easy), signal.hardBound(),
                signal.easyBound());
    }

    /** The contrast score of a unit prompt vector, in [-2, 2]. */
    public double score(float[] prompt) {
        return closest(prompt, hard) - closest(prompt, easy);
    }

    public String level(double score) {
        return score >= hardBound ? ComplexitySignal.HARD
                : score <= easyBound ? ComplexitySignal.EASY : ComplexitySignal.MEDIUM;
    }

    void evaluate(float[] prompt, Map<String, Double> matched) {
        double score = score(prompt);
        String level = level(score);
        double margin = switch (level) {
            case ComplexitySignal.HARD -> score - hardBound;
            case ComplexitySignal.EASY -> easyBound - score;
            default -> Math.min(hardBound - score, score - easyBound);
        };
        // A margin of 0.1 cosine is already a clear call between two example sets.
        double confidence = Math.min(1, 0.5 + margin * 5);
        matched.put(SignalResults.key(SignalsConfig.COMPLEXITY, name + ":" + level),
                confidence);
    }

    private static double closest(float[] prompt, List<float[]> examples) {
        double best = -1;
        for (float[] example : examples) {
            best = Math.max(best, Vectors.dot(prompt, example));
        }
        return best;
    }
}
