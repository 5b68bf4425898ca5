package dev.switchboard.selection.routerdc;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.learning.CandidateLogits;
import dev.switchboard.selection.learning.HeadsLearner;
import dev.switchboard.selection.learning.LearningMath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RouterDC's query-model contrast, learned online: each model has an embedding {@code w_m} beside its enriched
 * card (the prior), and a prompt's logit for a model is {@code log prior_m + r(x) · w_m · x} (r: the reach, see
 * {@link dev.switchboard.selection.learning.LinearHeads}). Feedback trains the model embeddings with the contrastive
 * loss over the models: the right model's probability up against the others ({@code -log p_m}), a wrong model's
 * down ({@code -log (1 - p_m)}).
 */
final class RouterDcLearner extends HeadsLearner {

    static final double L2 = 1e-4;

    private final double rate;

    RouterDcLearner(RouterDcSettings settings) {
        super(settings.learningRate(), L2, 0x52444331L);
        this.rate = settings.learningRate();
    }

    @Override
    protected float[] features(float[] vector) {
        return vector;
    }

    @Override
    protected int featureDimension(int vectorLength) {
        return vectorLength;
    }

    @Override
    protected void step(LearnedState.Exemplar exemplar) {
        float[] x = exemplar.vector();
        Set<String> models = new LinkedHashSet<>(exemplar.prior().keySet());
        exemplar.choices().forEach(label -> models.add(label.model()));
        List<String> contrasted = new ArrayList<>(models);
        double reach = heads.reach(x);
        for (LearnedState.Label label : exemplar.choices()) {
            double[] logits = new double[contrasted.size()];
            double[] priors = new double[contrasted.size()];
            for (int j = 0; j < logits.length; j++) {
                priors[j] = LearningMath.logPrior(exemplar.prior(), contrasted.get(j));
                logits[j] = heads.logit(contrasted.get(j), x, priors[j], reach);
            }
            double[] p = CandidateLogits.softmax(logits);
            int m = contrasted.indexOf(label.model());
            double t = label.target();
            double notM = Math.max(1e-9, 1 - p[m]);
            for (int j = 0; j < logits.length; j++) {
                // t · d(-log p_m) + (1 - t) · d(-log (1 - p_m)), by logit j.
                double pull = p[j] - (j == m ? 1 : 0);
                double push = j == m ? p[m] : -p[j] * p[m] / notM;
                double gradient = reach * label.weight() * (t * pull + (1 - t) * push);
                heads.step(contrasted.get(j), x, priors[j], gradient, rate, L2);
            }
        }
    }

    @Override
    public Object model() {
        return frozen();
    }
}
