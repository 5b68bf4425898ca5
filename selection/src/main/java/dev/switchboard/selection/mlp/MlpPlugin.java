package dev.switchboard.selection.mlp;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.OnlineLearning;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.List;
import java.util.Optional;

/** {@code type: mlp}; the block is {@code mlp} or, as in the reference, {@code ml.mlp}. */
public final class MlpPlugin implements SelectionPlugin<MlpSettings> {

    @Override
    public String type() {
        return MlpSelection.TYPE;
    }

    @Override
    public Class<MlpSettings> settingsType() {
        return MlpSettings.class;
    }

    @Override
    public List<String> blockPaths() {
        return List.of(type(), OnlineLearning.REFERENCE_ML_BLOCK + "." + type());
    }

    @Override
    public void validate(MlpSettings settings, ConfigChecks checks) {
        checks.inRange("hidden_units", settings.hiddenUnits(), 1, 4_096);
        checks.inRange("learning_rate", settings.learningRate(), 1e-6, 10);
        if (settings.device() != null) {
            checks.warn("device", "ignored: Switchboard's network runs on the CPU of the router");
        }
        OnlineLearning.warnIfPretrained(settings.pretrainedPath(), checks);
    }

    @Override
    public SelectionAlgorithm create(MlpSettings settings, SelectionContext context) {
        return new MlpSelection(context.random());
    }

    @Override
    public Optional<Learner> learner(MlpSettings settings) {
        return Optional.of(new MlpLearner(settings));
    }
}
