package dev.switchboard.selection.elo;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;

/** {@code type: elo}. */
public final class EloPlugin implements SelectionPlugin<EloSettings> {

    @Override
    public String type() {
        return "elo";
    }

    @Override
    public Class<EloSettings> settingsType() {
        return EloSettings.class;
    }

    @Override
    public void validate(EloSettings settings, ConfigChecks checks) {
        checks.positive("k_factor", settings.kFactor());
        checks.nonNegative("min_comparisons", settings.minComparisons());
        checks.nonNegative("cost_scaling_factor", settings.costScaling());
    }

    @Override
    public SelectionAlgorithm create(EloSettings settings, SelectionContext context) {
        return new EloSelection(settings);
    }
}
