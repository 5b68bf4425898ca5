package dev.switchboard.selection.routerdc;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.Exploration;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.Vectors;
import dev.switchboard.selection.learning.CandidateLogits;
import dev.switchboard.selection.learning.HeadsModel;
import dev.switchboard.selection.learning.LearningMath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code router_dc}: the candidate whose model card is closest in meaning to the prompt, as RouterDC matches queries
 * with model embeddings. A card is its description and the capability anchors Switchboard's bank gave it, so the
 * match is the cards' prior for the prompt ({@code CardPrior}); what feedback teaches is a model embedding beside
 * each card ({@link RouterDcLearner}), and the score is the softmax over the candidates of
 * {@code log prior + r · w · prompt}.
 *
 * <p>{@code min_similarity} keeps the reference's meaning, a bound on {@code sigmoid(cos / temperature)} for the
 * closest card (its description or any of its anchors): applied as the cosine bound
 * {@code temperature · logit(min_similarity)} (0.3 at 0.07 allows cosines down to -0.059); below it no card is
 * close enough and the decision's first candidate is used. With {@code use_capabilities: false}, or without anchors
 * (a config whose cards the bank gives nothing), the softmax of the description cosines at {@code temperature}
 * decides: the naive card cosine.
 */
public final class RouterDcSelection implements SelectionAlgorithm {

    public static final String TYPE = "router_dc";

    private final RouterDcSettings config;
    private final RandomGenerator random;

    public RouterDcSelection(RouterDcSettings config, RandomGenerator random) {
        this.config = config;
        this.random = random;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        float[] prompt = input.promptVector();
        if (prompt == null) {
            throw new SelectionUnavailableException("router_dc needs the prompt's embedding");
        }
        if (closestCard(input) < cosineBound(config.minSimilarity(), config.temperature())) {
            throw new SelectionUnavailableException("no model card reaches min_similarity " + config.minSimilarity());
        }
        HeadsModel learned = input.learned().model(TYPE, HeadsModel.class).orElse(HeadsModel.UNTRAINED);
        double[] probabilities;
        String component;
        if (input.prior().isEmpty() || !config.useCapabilities()) {
            probabilities = softmax(CardSimilarity.cosines(input), config.temperature());
            component = "card_similarity";
        } else {
            probabilities = CandidateLogits.softmax(CandidateLogits.of(input, learned.heads(), prompt));
            component = "probability";
        }
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            String model = input.candidates().get(i).model();
            Map<String, Double> components = new LinkedHashMap<>();
            components.put(component, probabilities[i]);
            if (!input.prior().isEmpty()) {
                components.put("prior", Math.exp(LearningMath.logPrior(input.prior(), model)));
            }
            scores.add(new CandidateScore(model, probabilities[i], components));
        }
        Exploration.Choice choice = Exploration.choose(probabilities, learned.evidence(), input, random);
        int chosen = choice.index();
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(choice, input.candidates().get(chosen).model(), probabilities[chosen], ranked);
    }

    /** The highest cosine between the prompt and any candidate's card description or anchor. */
    private static double closestCard(SelectionInput input) {
        double best = Double.NEGATIVE_INFINITY;
        for (Candidate candidate : input.candidates()) {
            if (candidate.cardVector() != null) {
                best = Math.max(best, Vectors.dot(input.promptVector(), candidate.cardVector()));
            }
            for (float[] anchor : candidate.anchors()) {
                best = Math.max(best, Vectors.dot(input.promptVector(), anchor));
            }
        }
        return best;
    }

    /** The cosine at which {@code sigmoid(cos / temperature)} reaches {@code minSimilarity}. */
    public static double cosineBound(double minSimilarity, double temperature) {
        if (minSimilarity <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (minSimilarity >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        return temperature * Math.log(minSimilarity / (1 - minSimilarity));
    }

    static double[] softmax(double[] values, double temperature) {
        double[] scaled = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            scaled[i] = values[i] / temperature;
        }
        return CandidateLogits.softmax(scaled);
    }
}
