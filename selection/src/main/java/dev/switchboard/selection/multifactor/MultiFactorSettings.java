package dev.switchboard.selection.multifactor;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code multi_factor}: weighted quality, latency, cost and load, after SLO filters.
 *
 * @param weights           factor weights, normalised to sum 1; 0.25 each when the block is absent
 * @param slo               hard filters; none by default
 * @param latencyPercentile percentile of observed latency used as the latency factor; 95 by default
 * @param onNoCandidates    {@code cheapest} (default), {@code first} or {@code fail} when the SLOs drop everyone
 * @param qualityGate       Switchboard's: only candidates whose predicted quality (a vote in [-1, 1]) is within this
 *                          of the best one's are ranked by the weights; 0.05 by default, 2 turns the gate off. Measured
 *                          on the dev distribution with outcomes replayed (`eval --outcomes`, seed 42): with the
 *                          local coder slowest (400 / 150 / 50 ms) every gate kept accuracy at or above accuracy
 *                          without outcomes; with the fast general model slowest (50 / 150 / 400 ms) a gate of 0.2
 *                          lost 6 points zero-shot and 5 after learning, 0.1 lost 3, 0.05 lost 1 (0.811 → 0.796,
 *                          0.909 → 0.898): wider gates let latency outvote the prompt
 */
public record MultiFactorSettings(
        Weights weights,
        Slo slo,
        @JsonProperty("latency_percentile") Integer latencyPercentile,
        @JsonProperty("on_no_candidates") String onNoCandidates,
        @JsonProperty("quality_gate") Double qualityGate) {

    public MultiFactorSettings {
        weights = weights == null ? Weights.EQUAL : weights;
        slo = slo == null ? new Slo(null, null, null, null) : slo;
        latencyPercentile = latencyPercentile == null ? 95 : latencyPercentile;
        onNoCandidates = onNoCandidates == null ? "cheapest" : onNoCandidates;
        qualityGate = qualityGate == null ? 0.05 : qualityGate;
    }

    /**
     * {@code multi_factor.weights}. A factor left out of a given block weighs 0 (the homelab file gives quality,
     * latency and cost summing to 1 and means no load factor); only an absent block means equal weights.
     */
    public record Weights(Double quality, Double latency, Double cost, Double load) {
        static final Weights EQUAL = new Weights(0.25, 0.25, 0.25, 0.25);

        public Weights {
            quality = quality == null ? 0.0 : quality;
            latency = latency == null ? 0.0 : latency;
            cost = cost == null ? 0.0 : cost;
            load = load == null ? 0.0 : load;
        }
    }

    /**
     * {@code multi_factor.slo}: candidates beyond a limit are dropped; a null limit does not filter.
     *
     * @param maxCostPer1m prompt price per million tokens
     * @param maxTtftMs    time to first token, at the configured percentile
     * @param maxTpotMs    time per output token, at the configured percentile
     * @param maxInflight  requests in flight to the model; 0 means no ceiling
     */
    public record Slo(
            @JsonProperty("max_cost_per_1m") Double maxCostPer1m,
            @JsonProperty("max_ttft_ms") Double maxTtftMs,
            @JsonProperty("max_tpot_ms") Double maxTpotMs,
            @JsonProperty("max_inflight") Integer maxInflight) {
    }
}
