package dev.switchboard.selection.knn;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.PromptQuality;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code knn}: for each candidate, the k remembered prompts nearest to this one that the candidate served vote with
 * the rewards they earned ({@link PromptQuality}); the best predicted reward wins. Learned online: the feedback loop
 * joins each piece of feedback to its decision's prompt embedding. A candidate with too few exemplars is scored by
 * its model card's similarity instead, shifted below every learned score, so that learning wins where it exists and
 * the cards decide the rest.
 */
public final class KnnSelection implements SelectionAlgorithm {

    private final KnnSettings config;

    public KnnSelection(KnnSettings config) {
        this.config = config;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        if (input.promptVector() == null) {
            throw new SelectionUnavailableException("knn needs the prompt's embedding");
        }
        Double[] predicted = PromptQuality.predict(input, config.k(), config.minExemplars());
        boolean anyLearned = false;
        for (Double p : predicted) {
            anyLearned |= p != null;
        }
        double[] cards = anyLearned ? null : CardSimilarity.cosines(input);
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            Map<String, Double> components = new LinkedHashMap<>();
            double score;
            if (predicted[i] != null) {
                score = predicted[i];
                components.put("predicted_reward", predicted[i]);
            } else if (cards != null) {
                score = cards[i];
                components.put("card_similarity", cards[i]);
            } else {
                // Learned scores are in (0, 1); an unlearned candidate comes after every learned one.
                score = -1;
            }
            scores.add(new CandidateScore(input.candidates().get(i).model(), score, components));
        }
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(ranked.get(0).model(), Scores.marginConfidence(ranked), ranked);
    }
}
