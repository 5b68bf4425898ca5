package dev.switchboard.selection.kmeans;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.CandidateLogits;
import dev.switchboard.selection.learning.LinearHeads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kmeans}: the prompt's clusters ({@link KmeansLearner}) correct each candidate's prior; the score is the
 * predicted probability that the candidate is the right one, plus {@code efficiency_weight} times its cheapness when
 * candidates have prices. On live requests a candidate with little feedback in the prompt's clusters gets an
 * exploration bonus of {@value #BONUS}{@code / √(1 + feedback)}, so each model gets tried where it has not been.
 */
public final class KmeansSelection implements SelectionAlgorithm {

    static final String TYPE = "kmeans";
    static final double BONUS = 0.05;

    private final KmeansSettings settings;

    KmeansSelection(KmeansSettings settings) {
        this.settings = settings;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        float[] prompt = input.promptVector();
        if (prompt == null) {
            throw new SelectionUnavailableException("kmeans needs the prompt's embedding");
        }
        KmeansModel model = input.learned().model(TYPE, KmeansModel.class).orElse(KmeansModel.UNTRAINED);
        boolean fits = model.capacity() > 0 && model.centroids().length > 0
                && model.centroids()[0].length == prompt.length;
        float[] memberships = fits ? model.memberships(prompt) : new float[0];
        LinearHeads.Frozen heads = fits ? model.heads() : LinearHeads.Frozen.UNTRAINED;
        double[] p = CandidateLogits.sigmoids(CandidateLogits.of(input, heads, memberships));
        double[] cheapness = Scores.cheapness(input.candidates());
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            String candidate = input.candidates().get(i).model();
            Map<String, Double> components = new LinkedHashMap<>();
            components.put("predicted_reward", p[i]);
            double score = p[i];
            if (cheapness != null) {
                score += settings.efficiencyWeight() * cheapness[i];
            }
            if (!input.dryRun()) {
                double bonus = BONUS / Math.sqrt(1 + model.evidence(candidate, memberships));
                components.put("exploration_bonus", bonus);
                score += bonus;
            }
            scores.add(new CandidateScore(candidate, score, components));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(ranked.get(0).model(), Scores.marginConfidence(ranked), ranked);
    }
}
