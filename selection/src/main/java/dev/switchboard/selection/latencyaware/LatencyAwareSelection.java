package dev.switchboard.selection.latencyaware;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.LatencySamples;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * {@code latency_aware}: the candidate with the lowest observed latency, from the router's windows of the proxy's
 * outcome events. Each metric (time to first token at {@code ttft_percentile}, time per output token at
 * {@code tpot_percentile}) scores a candidate {@code fastest / own}, 1 for the fastest; the score is the mean over
 * the metrics that some candidate has data for, and a candidate without data scores 0 on that metric. With no data
 * at all the decision falls back to its first candidate.
 */
public final class LatencyAwareSelection implements SelectionAlgorithm {

    private final LatencyAwareSettings config;

    public LatencyAwareSelection(LatencyAwareSettings config) {
        this.config = config;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        Map<String, double[]> metrics = new LinkedHashMap<>();
        addMetric(metrics, "ttft_ms", input, samples -> samples.ttft(config.ttftPercentile()));
        addMetric(metrics, "tpot_ms", input, samples -> samples.tpot(config.tpotPercentile()));
        if (metrics.isEmpty()) {
            throw new SelectionUnavailableException("no latency has been observed for any candidate yet");
        }
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < input.candidates().size(); i++) {
            Map<String, Double> components = new LinkedHashMap<>();
            double sum = 0;
            for (Map.Entry<String, double[]> metric : metrics.entrySet()) {
                double value = metric.getValue()[i];
                double fastest = java.util.Arrays.stream(metric.getValue()).filter(v -> v > 0).min().orElse(1);
                double relative = value > 0 ? fastest / value : 0;
                components.put(metric.getKey(), value > 0 ? value : Double.NaN);
                sum += relative;
            }
            components.values().removeIf(v -> v.isNaN());
            scores.add(new CandidateScore(input.candidates().get(i).model(), sum / metrics.size(), components));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(ranked.get(0).model(), Scores.marginConfidence(ranked), ranked);
    }

    /** One value per candidate (0 when it has none); the metric is added only when some candidate has a value. */
    private static void addMetric(Map<String, double[]> metrics, String name, SelectionInput input,
            Function<LatencySamples, OptionalDouble> value) {
        double[] values = new double[input.candidates().size()];
        boolean any = false;
        for (int i = 0; i < values.length; i++) {
            OptionalDouble observed = value.apply(input.observations().latency(input.candidates().get(i).model()));
            values[i] = observed.orElse(0);
            any |= observed.isPresent();
        }
        if (any) {
            metrics.put(name, values);
        }
    }
}
