package dev.switchboard.selection.learning;

import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.SelectionInput;
import java.util.List;

/** The logits of a decision's candidates from fitted heads over the cards' prior, and what they turn into. */
public final class CandidateLogits {

    private CandidateLogits() {
    }

    /**
     * One logit per candidate, in order: {@code heads} on {@code features} over the candidate's log-prior, at the
     * prompt's reach.
     */
    public static double[] of(SelectionInput input, LinearHeads.Frozen heads, float[] features) {
        List<Candidate> candidates = input.candidates();
        double reach = heads.reach(input.promptVector());
        double[] logits = new double[candidates.size()];
        for (int i = 0; i < logits.length; i++) {
            String model = candidates.get(i).model();
            logits[i] = heads.logit(model, features, LearningMath.logPrior(input.prior(), model), reach);
        }
        return logits;
    }

    /** Softmax over the candidates. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
            max = Math.max(max, z);
        }
        double[] out = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            out[i] = Math.exp(logits[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /** Each logit's sigmoid: a probability per candidate, independently. */
    public static double[] sigmoids(double[] logits) {
        double[] out = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            out[i] = LearningMath.sigmoid(logits[i]);
        }
        return out;
    }
}
