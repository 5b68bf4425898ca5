package dev.switchboard.selection.automix;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.learning.HeadsLearner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Learns AutoMix's verifier without calling a model: for each model, the probability that its answer to a prompt
 * like this one is good enough, {@code sigmoid(prior log-odds + r(x) · w · x)}, from the feedback's sufficiency
 * labels (a verdict of good_fit or overprovisioned says yes for the model and every stronger one, underpowered says
 * no for it and every weaker one, a correction says which models reach).
 */
final class AutomixLearner extends HeadsLearner {

    static final double L2 = 1e-4;

    AutomixLearner(AutomixSettings settings) {
        super(settings.learningRate(), L2, 0x414D5831L);
    }

    @Override
    protected List<LearnedState.Label> labels(LearnedState.Exemplar exemplar) {
        return exemplar.sufficiency();
    }

    @Override
    protected double prior(LearnedState.Exemplar exemplar, String model) {
        Set<String> models = new LinkedHashSet<>(exemplar.strength().keySet());
        exemplar.sufficiency().forEach(label -> models.add(label.model()));
        return Cascade.priorLogOdds(model, new ArrayList<>(models), exemplar.prior(), exemplar.strength());
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
    public Object model() {
        return frozen();
    }
}
