package dev.switchboard.selection.multifactor;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.CapabilityMatch;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.LatencySamples;
import dev.switchboard.selection.Normalise;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code multi_factor}: weighted quality, latency, cost and load after SLO filters, as the reference documents it,
 * with one change chosen for users: the quality factor is the model's <em>predicted quality for this prompt</em>,
 * the cosine between the prompt and the model's card (the card's {@code quality_score} when there is no embedding).
 * So a config with descriptions but no prices or latency data, like the homelab one, routes on meaning instead of
 * always taking the first candidate. With the capability bank's anchors and the feedback loop's exemplars,
 * quality is the vote of the prompt's nearest labelled neighbours ({@link CapabilityMatch}): the kind of work the
 * prompt resembles and how each candidate did on similar prompts, so a cheaper model that has done well enough on
 * prompts like this one wins where the cost weight says so.
 *
 * <p>Quality, cost and load are min-max normalised over the candidates that pass the SLOs (cost and load inverted); a
 * candidate without a value gets 0, all-equal values give 0.5, and a factor that no candidate has is skipped and
 * the remaining weights are renormalised. Latency is the router's observed time per output token (time to first
 * token when no TPOT is known) at {@code latency_percentile}, from the proxy's outcome events, scored as the fastest
 * candidate's latency divided by the candidate's: min-max would turn a 1 ms difference into the whole scale, and
 * a model not observed yet scores the observed candidates' mean, so that the first model to answer does not win
 * every later request just for having been measured (nor lose them). {@code max_cost_per_1m} drops candidates
 * whose prompt price <em>in the config</em> is above it: a price from the shipped table or a local backend's zero
 * weighs in the cost factor, never in this hard ceiling. The SLOs on TTFT and
 * TPOT drop candidates observed beyond them (a candidate never observed passes). Load is the number of requests
 * the router has sent to the model whose outcome has not arrived; {@code max_inflight} (0: no ceiling) drops
 * candidates above it.
 */
public final class MultiFactorSelection implements SelectionAlgorithm {

    /**
     * Latencies within this share of the fastest count as the fastest: one backend's noise (a model measured at 31 ms
     * and another at 35 ms on the same Ollama) says nothing about which is quicker.
     */
    static final double LATENCY_TOLERANCE = 0.25;
    /** The score of a candidate the SLOs or the quality gate dropped: below every scored one (scores are in [0, 1]). */
    static final double EXCLUDED = -1;

    private final MultiFactorSettings config;

    public MultiFactorSelection(MultiFactorSettings config) {
        this.config = config;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        List<Candidate> withinSlo = applySlo(input);
        List<Candidate> survivors = qualityGate(input, withinSlo);
        Double[] quality = predictedQuality(input, survivors);
        Double[] cost = new Double[survivors.size()];
        Double[] latency = new Double[survivors.size()];
        Double[] load = new Double[survivors.size()];
        for (int i = 0; i < survivors.size(); i++) {
            cost[i] = survivors.get(i).promptPrice();
            latency[i] = latency(input, survivors.get(i));
            load[i] = (double) input.observations().inFlight(survivors.get(i).model());
        }
        Map<String, double[]> factors = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        addFactor(factors, weights, "quality", config.weights().quality(), Normalise.minMax(quality, false));
        addFactor(factors, weights, "latency", config.weights().latency(),
                Normalise.relativeToFastest(latency, LATENCY_TOLERANCE));
        addFactor(factors, weights, "cost", config.weights().cost(), Normalise.minMax(cost, true));
        addFactor(factors, weights, "load", config.weights().load(), Normalise.minMax(load, true));
        double totalWeight = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (factors.isEmpty() || totalWeight <= 0) {
            throw new SelectionUnavailableException("multi_factor has no factor with data and a positive weight");
        }
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < survivors.size(); i++) {
            Map<String, Double> components = new LinkedHashMap<>();
            double score = 0;
            for (Map.Entry<String, double[]> factor : factors.entrySet()) {
                double weighted = weights.get(factor.getKey()) / totalWeight * factor.getValue()[i];
                components.put(factor.getKey(), factor.getValue()[i]);
                score += weighted;
            }
            if (quality[i] != null) {
                components.put("similarity", quality[i]);
            }
            scores.add(new CandidateScore(survivors.get(i).model(), score, components));
        }
        List<CandidateScore> ranked = new ArrayList<>(Scores.bestFirst(scores));
        double confidence = Scores.marginConfidence(ranked);
        // The dropped candidates are listed too, last, with why: the decision names every candidate it had.
        for (Candidate candidate : input.candidates()) {
            if (!survivors.contains(candidate)) {
                ranked.add(new CandidateScore(candidate.model(), EXCLUDED, Map.of(withinSlo.contains(candidate)
                        ? "excluded_by_quality_gate" : "excluded_by_slo", 1.0)));
            }
        }
        return new Selection(ranked.get(0).model(), confidence, ranked);
    }

    /**
     * Quality first: the candidates whose predicted quality is within {@code quality_gate} of the best one's; cost,
     * latency and load then rank only among them, so that a faster or cheaper model wins where it is about as good,
     * never where the prompt asks for another kind of model. Without quality data nobody is dropped.
     */
    private List<Candidate> qualityGate(SelectionInput input, List<Candidate> candidates)
            throws SelectionUnavailableException {
        Double[] quality = predictedQuality(input, candidates);
        double best = Double.NEGATIVE_INFINITY;
        for (Double q : quality) {
            if (q != null) {
                best = Math.max(best, q);
            }
        }
        if (best == Double.NEGATIVE_INFINITY) {
            return candidates;
        }
        List<Candidate> gated = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (quality[i] != null && quality[i] >= best - config.qualityGate()) {
                gated.add(candidates.get(i));
            }
        }
        return gated;
    }

    /** Observed TPOT at the configured percentile, else TTFT; null when the model was never observed. */
    private Double latency(SelectionInput input, Candidate candidate) {
        LatencySamples samples = input.observations().latency(candidate.model());
        var tpot = samples.tpot(config.latencyPercentile());
        if (tpot.isPresent()) {
            return tpot.getAsDouble();
        }
        var ttft = samples.ttft(config.latencyPercentile());
        return ttft.isPresent() ? ttft.getAsDouble() : null;
    }

    private boolean withinSlo(SelectionInput input, Candidate candidate) {
        MultiFactorSettings.Slo slo = config.slo();
        LatencySamples samples = input.observations().latency(candidate.model());
        int percentile = config.latencyPercentile();
        return (slo.maxCostPer1m() == null || candidate.configuredPromptPrice() == null
                        || candidate.configuredPromptPrice() <= slo.maxCostPer1m())
                && (slo.maxTtftMs() == null || samples.ttft(percentile).orElse(0) <= slo.maxTtftMs())
                && (slo.maxTpotMs() == null || samples.tpot(percentile).orElse(0) <= slo.maxTpotMs())
                && (slo.maxInflight() == null || slo.maxInflight() == 0
                        || input.observations().inFlight(candidate.model()) <= slo.maxInflight());
    }

    /** Candidates within the SLOs; when none is, what {@code on_no_candidates} says. */
    private List<Candidate> applySlo(SelectionInput input) throws SelectionUnavailableException {
        List<Candidate> candidates = input.candidates();
        List<Candidate> passing = candidates.stream().filter(c -> withinSlo(input, c)).toList();
        if (!passing.isEmpty()) {
            return passing;
        }
        return switch (config.onNoCandidates()) {
            case "first" -> List.of(candidates.get(0));
            case "fail" -> throw new SelectionUnavailableException("every candidate is beyond the SLOs");
            default -> List.of(candidates.stream()
                    .min(Comparator.comparingDouble(c -> c.promptPrice() == null ? Double.MAX_VALUE : c.promptPrice()))
                    .orElseThrow());
        };
    }

    private static Double[] predictedQuality(SelectionInput input, List<Candidate> survivors)
            throws SelectionUnavailableException {
        Double[] quality = new Double[survivors.size()];
        double[] anchored = CapabilityMatch.shares(input.withCandidates(survivors));
        if (anchored != null) {
            for (int i = 0; i < quality.length; i++) {
                quality[i] = anchored[i];
            }
            return quality;
        }
        boolean embedded = input.promptVector() != null && survivors.stream().anyMatch(c -> c.cardVector() != null);
        if (embedded) {
            double[] cosines = CardSimilarity.cosines(input.withCandidates(survivors));
            for (int i = 0; i < quality.length; i++) {
                quality[i] = survivors.get(i).cardVector() == null ? null : cosines[i];
            }
        } else {
            for (int i = 0; i < quality.length; i++) {
                quality[i] = survivors.get(i).card() == null ? null : survivors.get(i).card().qualityScore();
            }
        }
        return quality;
    }

    private static void addFactor(Map<String, double[]> factors, Map<String, Double> weights, String name,
            double weight, double[] normalised) {
        if (normalised != null && weight > 0) {
            factors.put(name, normalised);
            weights.put(name, weight);
        }
    }
}
