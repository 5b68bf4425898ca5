package dev.switchboard.selection.mlp;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.Locality;
import dev.switchboard.selection.learning.Floats;
import dev.switchboard.selection.learning.HeadsLearner;
import dev.switchboard.selection.learning.LearningMath;
import dev.switchboard.selection.learning.LinearHeads;
import io.vertx.core.json.JsonObject;

/**
 * Trains the MLP one exemplar at a time: a hidden layer of {@code hidden_units} ReLUs over the prompt vector, and
 * one logistic head per model over the hidden layer and the cards' log-prior ({@code z_m = log prior_m + r(x) ·
 * (v_m·h + b_m + c_m·log prior_m)}, see {@link LinearHeads}), whose heads start at 0 so that the untrained network
 * repeats the prior. Each choice label the network gets wrong by more than {@value #SATISFIED}
 * back-propagates its logistic loss through its head into the hidden layer. The hidden layer starts from Gaussian
 * weights drawn from the configured seed ({@code N(0, 1/√inputs)}), the same on every instance.
 */
final class MlpLearner extends HeadsLearner {

    static final double L2 = 1e-4;
    /**
     * A label the network already predicts within this of its target teaches nothing more, as a hinge stops at its
     * margin: with the logistic loss alone the weights keep growing along whatever most of the feedback shares. Fed
     * 14 corrections about translations and 6 confirmations, the logistic loss moved 3 of 6 other code and everyday
     * questions to the corrected model, this 2 (0.3: 2); on the dev distribution after a quarter of verdict
     * feedback it routes 0.913 right against 0.926 (0.3: 0.892; seed 42).
     */
    static final double SATISFIED = 0.15;
    private static final String HIDDEN_WEIGHTS = "hidden_weights";
    private static final String HIDDEN_BIAS = "hidden_bias";

    private final MlpSettings settings;
    private int inputs;
    private float[] weights = new float[0];
    private float[] bias = new float[0];

    MlpLearner(MlpSettings settings) {
        super(settings.learningRate(), L2, 0x4D4C5031L);
        this.settings = settings;
    }

    @Override
    protected void startOver(int vectorLength, boolean fresh) {
        if (!fresh && inputs == vectorLength && weights.length == vectorLength * settings.hiddenUnits()) {
            return; // restored: keep the saved hidden layer
        }
        inputs = vectorLength;
        weights = LearningMath.gaussian(vectorLength * settings.hiddenUnits(), 1 / Math.sqrt(vectorLength),
                settings.seed());
        bias = new float[settings.hiddenUnits()];
    }

    @Override
    protected float[] features(float[] vector) {
        return hidden(vector, inputs, weights, bias);
    }

    @Override
    protected int featureDimension(int vectorLength) {
        return settings.hiddenUnits();
    }

    /**
     * The hidden layer generalises further than a linear head, so what it learned reaches less far: at the linear
     * heads' 0.2, 14 corrections about translations moved 4 of 6 other code and everyday questions, at 0.3 two.
     */
    @Override
    protected double reachNear() {
        return Locality.NEAR;
    }

    @Override
    protected double gradient(double logit, double target, double weight) {
        double error = LearningMath.sigmoid(logit) - target;
        return Math.abs(error) < SATISFIED ? 0 : error * weight;
    }

    @Override
    protected void step(LearnedState.Exemplar exemplar) {
        float[] x = exemplar.vector();
        double rate = settings.learningRate();
        double reach = heads.reach(x);
        for (LearnedState.Label label : exemplar.choices()) {
            float[] h = features(x);
            double prior = prior(exemplar, label.model());
            double gradient = reach * gradient(heads.logit(label.model(), h, prior, reach), label.target(),
                    label.weight());
            float[] v = heads.weights(label.model());
            if (v != null && gradient != 0) {
                // Into the hidden layer first, with the head's weights before this step, through active units.
                for (int k = 0; k < h.length; k++) {
                    if (h[k] <= 0) {
                        continue;
                    }
                    double delta = gradient * v[k];
                    int row = k * inputs;
                    for (int i = 0; i < inputs; i++) {
                        weights[row + i] -= (float) (rate * (delta * x[i] + L2 * weights[row + i]));
                    }
                    bias[k] -= (float) (rate * delta);
                }
            }
            heads.step(label.model(), h, prior, gradient, rate, L2);
        }
    }

    static float[] hidden(float[] x, int inputs, float[] weights, float[] bias) {
        float[] h = new float[bias.length];
        for (int k = 0; k < h.length; k++) {
            double sum = bias[k];
            int row = k * inputs;
            for (int i = 0; i < inputs && i < x.length; i++) {
                sum += weights[row + i] * x[i];
            }
            h[k] = (float) Math.max(0, sum);
        }
        return h;
    }

    @Override
    public Object model() {
        if (heads == null) {
            return MlpModel.UNTRAINED;
        }
        return new MlpModel(embeddingModel, inputs, weights.clone(), bias.clone(), heads.frozen(), examples);
    }

    @Override
    public JsonObject save() {
        return super.save().put(HIDDEN_WEIGHTS, Floats.encode(weights)).put(HIDDEN_BIAS, Floats.encode(bias));
    }

    @Override
    public void restore(JsonObject saved) {
        weights = Floats.decode(saved.getString(HIDDEN_WEIGHTS, ""));
        bias = Floats.decode(saved.getString(HIDDEN_BIAS, ""));
        inputs = bias.length == 0 ? 0 : weights.length / bias.length;
        super.restore(saved);
    }
}
