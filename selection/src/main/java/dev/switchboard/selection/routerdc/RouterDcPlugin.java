package dev.switchboard.selection.routerdc;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import dev.switchboard.selection.learning.Learner;
import java.util.Optional;

/** {@code type: router_dc}. */
public final class RouterDcPlugin implements SelectionPlugin<RouterDcSettings> {

    @Override
    public String type() {
        return RouterDcSelection.TYPE;
    }

    @Override
    public Class<RouterDcSettings> settingsType() {
        return RouterDcSettings.class;
    }

    @Override
    public void validate(RouterDcSettings settings, ConfigChecks checks) {
        checks.positive("temperature", settings.temperature());
        checks.inRange("min_similarity", settings.minSimilarity(), 0, 1);
        checks.inRange("learning_rate", settings.learningRate(), 1e-6, 10);
    }

    @Override
    public SelectionAlgorithm create(RouterDcSettings settings, SelectionContext context) {
        return new RouterDcSelection(settings, context.random());
    }

    @Override
    public Optional<Learner> learner(RouterDcSettings settings) {
        return Optional.of(new RouterDcLearner(settings));
    }
}
