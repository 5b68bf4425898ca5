package dev.switchboard.selection.hybrid;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.automix.AutomixSelection;
import dev.switchboard.selection.elo.EloSettings;
import dev.switchboard.selection.learning.CandidateLogits;
import dev.switchboard.selection.learning.HeadsModel;
import dev.switchboard.selection.routerdc.RouterDcSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hybrid} (Hybrid LLM, arXiv 2404.14618): a weighted blend of four views of each candidate, each a
 * probability over the candidates so that none is stretched by min-max normalisation (a 2-point Elo difference
 * would otherwise weigh as much as the whole meaning of the prompt):
 * <ul>
 * <li>{@code router_dc_weight}: router_dc's probability that the candidate's card matches the prompt (the
 * enriched cards, corrected by what router_dc learned);</li>
 * <li>{@code automix_weight}: the probability that AutoMix's cascade stops at the candidate (its answer predicted
 * good enough, and no cheaper one's);</li>
 * <li>{@code experience_weight}: the learned Elo ratings as Bradley-Terry win probabilities, trusted as comparisons
 * accumulate ({@code n / (n + }{@value #TRUSTED_COMPARISONS}{@code )}, uniform before);</li>
 * <li>{@code cost_weight}: cheapness, normalised to sum 1 (only when candidates have prices).</li>
 * </ul>
 * Weights are renormalised over the views that have data. Without a prompt vector the cards' description quality
 * scores stand in for the first two.
 */
public final class HybridSelection implements SelectionAlgorithm {

    static final double TRUSTED_COMPARISONS = 20;
    /**
     * Without anchors, description cosines become probabilities at the cards' calibration ({@code CardPrior}): at
     * router_dc's 0.07 the closest card takes almost everything, and cost could never outweigh a 0.2 cosine gap.
     */
    static final double COSINE_TEMPERATURE = 0.3;

    private final HybridSettings config;

    public HybridSelection(HybridSettings config) {
        this.config = config;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        List<Candidate> candidates = input.candidates();
        Map<String, double[]> views = new LinkedHashMap<>();
        Map<String, Double> weights = new LinkedHashMap<>();
        put(views, weights, "experience", config.experienceWeight(), experience(input));
        put(views, weights, "similarity", config.routerDcWeight(), similarity(input));
        put(views, weights, "quality", config.automixWeight(), input.promptVector() == null ? cardQuality(input)
                : AutomixSelection.stopProbabilities(input));
        put(views, weights, "cost", config.costWeight(), cost(input));
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        if (views.isEmpty() || total <= 0) {
            throw new SelectionUnavailableException("hybrid has no component with data and a positive weight");
        }
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Map<String, Double> parts = new LinkedHashMap<>();
            double score = 0;
            for (Map.Entry<String, double[]> view : views.entrySet()) {
                parts.put(view.getKey(), view.getValue()[i]);
                score += weights.get(view.getKey()) / total * view.getValue()[i];
            }
            scores.add(new CandidateScore(candidates.get(i).model(), score, parts));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(ranked.get(0).model(), Scores.marginConfidence(ranked), ranked);
    }

    /** router_dc's probabilities; the description cosines' softmax without a prior; null without a prompt. */
    private static double[] similarity(SelectionInput input) throws SelectionUnavailableException {
        if (input.promptVector() == null) {
            return null;
        }
        if (input.prior().isEmpty()) {
            double[] cosines = CardSimilarity.cosines(input);
            for (int i = 0; i < cosines.length; i++) {
                cosines[i] /= COSINE_TEMPERATURE;
            }
            return CandidateLogits.softmax(cosines);
        }
        HeadsModel learned = input.learned().model(RouterDcSelection.TYPE, HeadsModel.class)
                .orElse(HeadsModel.UNTRAINED);
        return CandidateLogits.softmax(CandidateLogits.of(input, learned.heads(), input.promptVector()));
    }

    /**
     * Bradley-Terry probabilities of the ratings, mixed with uniform by how many comparisons they rest on; null
     * before any comparison.
     */
    private static double[] experience(SelectionInput input) {
        List<Candidate> candidates = input.candidates();
        double[] strength = new double[candidates.size()];
        double trust = 0;
        double sum = 0;
        for (int i = 0; i < strength.length; i++) {
            String model = candidates.get(i).model();
            LearnedState.ModelStats stats = input.learned().stats(input.decision(), model)
                    .filter(s -> s.comparisons() > 0)
                    .or(() -> input.learned().stats(LearnedState.GLOBAL, model)).orElse(null);
            double rating = stats == null ? EloSettings.START_RATING : stats.rating();
            strength[i] = Math.pow(10, (rating - EloSettings.START_RATING) / 400);
            sum += strength[i];
            trust += stats == null ? 0 : stats.comparisons();
        }
        if (trust == 0) {
            return null; // nothing learned yet: the view says nothing
        }
        trust /= strength.length;
        double confidence = trust / (trust + TRUSTED_COMPARISONS);
        for (int i = 0; i < strength.length; i++) {
            strength[i] = confidence * strength[i] / sum + (1 - confidence) / strength.length;
        }
        return strength;
    }

    /** The cards' quality scores as shares; null when no candidate has one. */
    private static double[] cardQuality(SelectionInput input) {
        return shares(input.candidates().stream().map(c -> c.card() == null ? null : c.card().qualityScore())
                .toArray(Double[]::new));
    }

    private static double[] cost(SelectionInput input) {
        double[] cheapness = Scores.cheapness(input.candidates());
        if (cheapness == null) {
            return null;
        }
        Double[] boxed = new Double[cheapness.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = cheapness[i];
        }
        return shares(boxed);
    }

    /** Values as shares of their sum (missing count 0); null when none is given or all are 0. */
    private static double[] shares(Double[] values) {
        double sum = 0;
        for (Double v : values) {
            sum += v == null ? 0 : v;
        }
        if (sum <= 0) {
            return null;
        }
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i] == null ? 0 : values[i] / sum;
        }
        return out;
    }

    private static void put(Map<String, double[]> views, Map<String, Double> weights, String name, double weight,
            double[] values) {
        if (values != null && weight > 0) {
            views.put(name, values);
            weights.put(name, weight);
        }
    }
}
