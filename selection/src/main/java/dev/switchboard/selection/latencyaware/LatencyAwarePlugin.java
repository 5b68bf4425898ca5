package dev.switchboard.selection.latencyaware;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;

/** {@code type: latency_aware}. */
public final class LatencyAwarePlugin implements SelectionPlugin<LatencyAwareSettings> {

    @Override
    public String type() {
        return "latency_aware";
    }

    @Override
    public Class<LatencyAwareSettings> settingsType() {
        return LatencyAwareSettings.class;
    }

    @Override
    public void validate(LatencyAwareSettings settings, ConfigChecks checks) {
        checks.inRange("tpot_percentile", settings.tpotPercentile(), 1, 100);
        checks.inRange("ttft_percentile", settings.ttftPercentile(), 1, 100);
    }

    @Override
    public SelectionAlgorithm create(LatencyAwareSettings settings, SelectionContext context) {
        return new LatencyAwareSelection(settings);
    }
}
