package dev.switchboard.selection.svm;

import dev.switchboard.selection.learning.HeadsLearner;
import dev.switchboard.selection.learning.RandomFeatures;

/**
 * Fits one linear SVM per model on the prompt (or its random Fourier features) over the cards' log-prior, with the
 * hinge loss: a label says "right model" ({@code y = +1}) or "wrong model" ({@code y = -1}); an update happens only
 * when the margin {@code y · f} is below 1, as in Pegasos, with L2 shrinkage toward the prior.
 */
final class SvmLearner extends HeadsLearner {

    static final double L2 = 1e-4;

    private final SvmSettings settings;
    private RandomFeatures random;

    SvmLearner(SvmSettings settings) {
        super(settings.learningRate(), L2, 0x53564D31L);
        this.settings = settings;
    }

    @Override
    protected void startOver(int vectorLength, boolean fresh) {
        random = SvmSettings.RBF.equals(settings.kernel())
                ? RandomFeatures.of(vectorLength, settings.features(), settings.gamma()) : null;
    }

    @Override
    protected float[] features(float[] vector) {
        return random == null ? vector : random.apply(vector);
    }

    @Override
    protected int featureDimension(int vectorLength) {
        return random == null ? vectorLength : random.size();
    }

    @Override
    protected double gradient(double margin, double target, double weight) {
        double y = target >= 0.5 ? 1 : -1;
        double strength = weight * Math.abs(2 * target - 1);
        return y * margin < 1 ? -y * strength : 0;
    }

    @Override
    public Object model() {
        return frozen();
    }
}
