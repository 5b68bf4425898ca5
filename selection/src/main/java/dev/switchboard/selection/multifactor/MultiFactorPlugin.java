package dev.switchboard.selection.multifactor;

import dev.switchboard.contracts.config.ConfigChecks;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionContext;
import dev.switchboard.selection.SelectionPlugin;
import java.util.List;
import java.util.Map;

/** {@code type: multi_factor}. */
public final class MultiFactorPlugin implements SelectionPlugin<MultiFactorSettings> {

    static final List<String> ON_NO_CANDIDATES = List.of("cheapest", "first", "fail");

    @Override
    public String type() {
        return "multi_factor";
    }

    @Override
    public Class<MultiFactorSettings> settingsType() {
        return MultiFactorSettings.class;
    }

    @Override
    public void validate(MultiFactorSettings settings, ConfigChecks checks) {
        MultiFactorSettings.Weights w = settings.weights();
        checks.weights("weights", Map.of("quality", w.quality(), "latency", w.latency(), "cost", w.cost(),
                "load", w.load()));
        MultiFactorSettings.Slo slo = settings.slo();
        checks.nonNegative("slo.max_cost_per_1m", slo.maxCostPer1m());
        checks.positive("slo.max_ttft_ms", slo.maxTtftMs());
        checks.positive("slo.max_tpot_ms", slo.maxTpotMs());
        checks.nonNegative("slo.max_inflight", slo.maxInflight());
        checks.inRange("latency_percentile", settings.latencyPercentile(), 1, 100);
        checks.oneOf("on_no_candidates", settings.onNoCandidates(), ON_NO_CANDIDATES);
        checks.inRange("quality_gate", settings.qualityGate(), 0, 2);
    }

    @Override
    public SelectionAlgorithm create(MultiFactorSettings settings, SelectionContext context) {
        return new MultiFactorSelection(settings);
    }
}
