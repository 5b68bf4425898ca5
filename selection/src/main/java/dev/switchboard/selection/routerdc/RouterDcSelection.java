package dev.switchboard.selection.routerdc;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code router_dc}: the candidate whose model card is closest in meaning to the prompt (cosine of unit vectors).
 *
 * <p>The score is the cosine itself; the confidence is the winner's softmax probability over the candidates'
 * cosines at {@code temperature}, which stays informative where the reference's {@code sigmoid(cos / 0.07)} is
 * about 1.0 for every candidate. {@code min_similarity} keeps the reference's meaning, a bound on
 * {@code sigmoid(cos / temperature)}, so reference configs behave alike: it is applied as the cosine bound
 * {@code temperature * logit(min_similarity)} (0.3 at 0.07 allows cosines down to -0.059). Below it no card is close
 * enough and the decision's first candidate is used.
 */
public final class RouterDcSelection implements SelectionAlgorithm {

    private final RouterDcSettings config;

    public RouterDcSelection(RouterDcSettings config) {
        this.config = config;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        if (input.promptVector() == null) {
            throw new SelectionUnavailableException("router_dc needs the prompt's embedding");
        }
        double[] cosines = CardSimilarity.cosines(input);
        double[] probabilities = softmax(cosines, config.temperature());
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < cosines.length; i++) {
            scores.add(new CandidateScore(input.candidates().get(i).model(), cosines[i],
                    Map.of("similarity", cosines[i], "probability", probabilities[i])));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        if (ranked.get(0).score() < cosineBound(config.minSimilarity(), config.temperature())) {
            throw new SelectionUnavailableException("no model card reaches min_similarity " + config.minSimilarity());
        }
        return new Selection(ranked.get(0).model(), ranked.get(0).components().get("probability"), ranked);
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
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double[] out = new double[values.length];
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            out[i] = Math.exp((values[i] - max) / temperature);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
