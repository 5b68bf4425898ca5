package dev.switchboard.selection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the model cards alone say about a prompt: a probability per model that it is the right one, from the
 * prompt's {@value #NEIGHBOURS} nearest capability anchors (the bank prompts given to each card). The anchors' vote
 * shares {@code s} become {@code softmax(s / }{@value #TEMPERATURE}{@code )}: on the dev distribution that
 * temperature gives the lowest log-loss of the true label (0.557, against 0.59 at 0.2 and 0.63 at 0.5), so the
 * probabilities can be thresholded (automix) and learned from (the learners start from them).
 *
 * <p>Every learner starts from this prior: with no feedback it routes like the cards say, and what it learns is how
 * far this deployment's feedback departs from it. It is computed once per request over every model that has
 * anchors, recorded in the decision event, and learned from as it was then.
 */
public final class CardPrior {

    static final int NEIGHBOURS = 7;
    static final double TEMPERATURE = 0.3;

    private CardPrior() {
    }

    /** Probabilities by model over the models with anchors; empty without a prompt vector or anchors. */
    public static Map<String, Double> of(float[] prompt, Map<String, List<float[]>> anchorsByModel) {
        return of(prompt, anchorsByModel, new AnchorSimilarities());
    }

    /** The same, reading and remembering the anchors' cosines in the request's {@code similarities}. */
    public static Map<String, Double> of(float[] prompt, Map<String, List<float[]>> anchorsByModel,
            AnchorSimilarities similarities) {
        if (prompt == null || anchorsByModel.isEmpty()) {
            return Map.of();
        }
        List<String> models = List.copyOf(anchorsByModel.keySet());
        int total = anchorsByModel.values().stream().mapToInt(List::size).sum();
        int[] owner = new int[total];
        Nearest nearest = new Nearest(NEIGHBOURS);
        int id = 0;
        for (int m = 0; m < models.size(); m++) {
            for (float[] anchor : anchorsByModel.get(models.get(m))) {
                if (anchor.length == prompt.length) {
                    owner[id] = m;
                    nearest.offer(similarities.of(prompt, anchor), id);
                }
                id++;
            }
        }
        double[] shares = new double[models.size()];
        double sum = 0;
        for (int n = 0; n < nearest.size; n++) {
            double weight = Math.max(0, nearest.similarity[n]);
            shares[owner[nearest.item[n]]] += weight;
            sum += weight;
        }
        if (sum == 0) {
            return Map.of();
        }
        double[] exp = new double[shares.length];
        double norm = 0;
        for (int m = 0; m < shares.length; m++) {
            exp[m] = Math.exp(shares[m] / sum / TEMPERATURE);
            norm += exp[m];
        }
        Map<String, Double> prior = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            prior.put(models.get(m), exp[m] / norm);
        }
        return prior;
    }
}
