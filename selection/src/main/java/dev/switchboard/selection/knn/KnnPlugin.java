package dev.switchboard.selection.knn;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.OnlineLearning;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import java.util.List;

/** {@code type: knn}; the block is {@code knn} or, as in the reference, {@code ml.knn}. */
public final class KnnPlugin implements SelectionPlugin<KnnSettings> {

    @Override
    public String type() {
        return "knn";
    }

    @Override
    public Class<KnnSettings> settingsType() {
        return KnnSettings.class;
    }

    @Override
    public List<String> blockPaths() {
        return List.of(type(), OnlineLearning.REFERENCE_ML_BLOCK + "." + type());
    }

    @Override
    public void validate(KnnSettings settings, ConfigChecks checks) {
        checks.inRange("k", settings.k(), 1, 1_000);
        checks.inRange("min_exemplars", settings.minExemplars(), 0, 1_000_000);
        OnlineLearning.warnIfPretrained(settings.pretrainedPath(), checks);
    }

    @Override
    public SelectionAlgorithm create(KnnSettings settings, SelectionContext context) {
        return new KnnSelection(settings, context.random());
    }
}
