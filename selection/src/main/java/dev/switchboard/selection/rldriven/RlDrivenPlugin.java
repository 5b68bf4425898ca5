package dev.switchboard.selection.rldriven;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;

/** {@code type: rl_driven}. */
public final class RlDrivenPlugin implements SelectionPlugin<RlDrivenSettings> {

    @Override
    public String type() {
        return "rl_driven";
    }

    @Override
    public Class<RlDrivenSettings> settingsType() {
        return RlDrivenSettings.class;
    }

    @Override
    public void validate(RlDrivenSettings settings, ConfigChecks checks) {
        checks.inRange("exploration_rate", settings.explorationRate(), 0, 1);
        checks.inRange("min_exploration", settings.minExploration(), 0, 1);
        checks.nonNegative("cost_weight", settings.costWeight());
    }

    @Override
    public SelectionAlgorithm create(RlDrivenSettings settings, SelectionContext context) {
        return new RlDrivenSelection(settings, context.random());
    }
}
