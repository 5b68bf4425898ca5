package dev.switchboard.selection.kmeans;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.OnlineLearning;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.List;
import java.util.Optional;

/** {@code type: kmeans}; the block is {@code kmeans} or, as in the reference, {@code ml.kmeans}. */
public final class KmeansPlugin implements SelectionPlugin<KmeansSettings> {

    @Override
    public String type() {
        return KmeansSelection.TYPE;
    }

    @Override
    public Class<KmeansSettings> settingsType() {
        return KmeansSettings.class;
    }

    @Override
    public List<String> blockPaths() {
        return List.of(type(), OnlineLearning.REFERENCE_ML_BLOCK + "." + type());
    }

    @Override
    public void validate(KmeansSettings settings, ConfigChecks checks) {
        checks.inRange("num_clusters", settings.numClusters(), 1, 4_096);
        checks.nonNegative("efficiency_weight", settings.efficiencyWeight());
        OnlineLearning.warnIfPretrained(settings.pretrainedPath(), checks);
    }

    @Override
    public SelectionAlgorithm create(KmeansSettings settings, SelectionContext context) {
        return new KmeansSelection(settings);
    }

    @Override
    public Optional<Learner> learner(KmeansSettings settings) {
        return Optional.of(new KmeansLearner(settings));
    }
}
