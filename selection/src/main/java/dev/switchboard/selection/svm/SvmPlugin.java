package dev.switchboard.selection.svm;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.OnlineLearning;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.List;
import java.util.Optional;

/** {@code type: svm}; the block is {@code svm} or, as in the reference, {@code ml.svm}. */
public final class SvmPlugin implements SelectionPlugin<SvmSettings> {

    @Override
    public String type() {
        return SvmSelection.TYPE;
    }

    @Override
    public Class<SvmSettings> settingsType() {
        return SvmSettings.class;
    }

    @Override
    public List<String> blockPaths() {
        return List.of(type(), OnlineLearning.REFERENCE_ML_BLOCK + "." + type());
    }

    @Override
    public void validate(SvmSettings settings, ConfigChecks checks) {
        checks.oneOf("kernel", settings.kernel(), List.of(SvmSettings.LINEAR, SvmSettings.RBF));
        checks.positive("gamma", settings.gamma());
        checks.inRange("features", settings.features(), 16, 8_192);
        checks.inRange("learning_rate", settings.learningRate(), 1e-6, 10);
        OnlineLearning.warnIfPretrained(settings.pretrainedPath(), checks);
    }

    @Override
    public SelectionAlgorithm create(SvmSettings settings, SelectionContext context) {
        return new SvmSelection(settings, context.random());
    }

    @Override
    public Optional<Learner> learner(SvmSettings settings) {
        return Optional.of(new SvmLearner(settings));
    }
}
