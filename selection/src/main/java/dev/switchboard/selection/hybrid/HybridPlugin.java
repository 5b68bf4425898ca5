package dev.switchboard.selection.hybrid;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import java.util.Map;

/** {@code type: hybrid}. */
public final class HybridPlugin implements SelectionPlugin<HybridSettings> {

    @Override
    public String type() {
        return "hybrid";
    }

    @Override
    public Class<HybridSettings> settingsType() {
        return HybridSettings.class;
    }

    @Override
    public void validate(HybridSettings h, ConfigChecks checks) {
        checks.weights("", Map.of("experience_weight", h.experienceWeight(), "router_dc_weight", h.routerDcWeight(),
                "automix_weight", h.automixWeight(), "cost_weight", h.costWeight()));
    }

    @Override
    public SelectionAlgorithm create(HybridSettings settings, SelectionContext context) {
        return new HybridSelection(settings);
    }
}
