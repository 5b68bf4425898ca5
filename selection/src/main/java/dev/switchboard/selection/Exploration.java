package dev.switchboard.selection;

import java.util.random.RandomGenerator;

/**
 * How the per-prompt learners explore: feedback on a routed request only says how the model that served it did, so
 * a learner that always takes its best guess never learns whether another model would have done better where it has
 * little evidence. With probability {@value #RATE}{@code / (1 + evidence)} a live request goes to the runner-up
 * instead; the more feedback near the prompt, the less it explores. Dry runs ({@code /api/v1/route}, the evaluation)
 * never explore: they ask where a prompt would go.
 */
public final class Exploration {

    static final double RATE = 0.1;
    /** Exemplars a learned model needs for one unit of evidence: exploration fades over a few hundred. */
    static final double EXAMPLES_PER_UNIT = 20;

    private Exploration() {
    }

    /** The evidence of a model fitted on {@code examples} exemplars, wherever the prompt is. */
    public static double evidence(long examples) {
        return examples / EXAMPLES_PER_UNIT;
    }

    /**
     * Where to route.
     *
     * @param index    the candidate's index
     * @param explored whether it is the runner-up rather than the best score
     */
    public record Choice(int index, boolean explored) {
    }

    /** The candidate to route to: the best score's, or now and then the runner-up's. */
    public static Choice choose(double[] scores, double evidence, SelectionInput input, RandomGenerator random) {
        int best = 0;
        int second = -1;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                second = best;
                best = i;
            } else if (second < 0 || scores[i] > scores[second]) {
                second = i;
            }
        }
        if (second < 0 || input.dryRun() || random == null) {
            return new Choice(best, false);
        }
        return random.nextDouble() < RATE / (1 + Math.max(0, evidence)) ? new Choice(second, true)
                : new Choice(best, false);
    }
}
