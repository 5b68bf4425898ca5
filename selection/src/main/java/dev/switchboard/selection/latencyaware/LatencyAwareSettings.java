package dev.switchboard.selection.latencyaware;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code latency_aware}: the candidate with the lowest observed latency wins.
 *
 * @param tpotPercentile percentile of time per output token; 90 by default
 * @param ttftPercentile percentile of time to first token; 95 by default
 */
public record LatencyAwareSettings(
        @JsonProperty("tpot_percentile") Integer tpotPercentile,
        @JsonProperty("ttft_percentile") Integer ttftPercentile) {

    public LatencyAwareSettings {
        tpotPercentile = tpotPercentile == null ? 90 : tpotPercentile;
        ttftPercentile = ttftPercentile == null ? 95 : ttftPercentile;
    }
}
