package dev.switchboard.selection.routerdc;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;

/** {@code type: router_dc}. */
public final class RouterDcPlugin implements SelectionPlugin<RouterDcSettings> {

    @Override
    public String type() {
        return "router_dc";
    }

    @Override
    public Class<RouterDcSettings> settingsType() {
        return RouterDcSettings.class;
    }

    @Override
    public void validate(RouterDcSettings settings, ConfigChecks checks) {
        checks.positive("temperature", settings.temperature());
        checks.inRange("min_similarity", settings.minSimilarity(), 0, 1);
    }

    @Override
    public SelectionAlgorithm create(RouterDcSettings settings, SelectionContext context) {
        return new RouterDcSelection(settings);
    }
}
