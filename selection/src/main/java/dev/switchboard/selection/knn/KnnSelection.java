package dev.switchboard.selection.knn;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.CapabilityMatch;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.Exploration;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code knn}: the {@code k} labelled prompts nearest to this one vote for the candidates ({@link CapabilityMatch}):
 * the cards' capability anchors from the start, and the feedback loop's exemplars as they arrive, each of their
 * labels for or against its model. So with no feedback it routes like the enriched cards, and where feedback
 * accumulates its neighbours take over. Without anchors or exemplars the cards' description similarity decides.
 * Where fewer than {@code min_exemplars} of the neighbours are exemplars, live requests explore now and then
 * ({@link Exploration}).
 */
public final class KnnSelection implements SelectionAlgorithm {

    private final KnnSettings config;
    private final RandomGenerator random;

    public KnnSelection(KnnSettings config, RandomGenerator random) {
        this.config = config;
        this.random = random;
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
        CapabilityMatch.Vote vote = CapabilityMatch.vote(input, config.k());
        double[] votes = vote == null ? CardSimilarity.cosines(input) : vote.shares();
        String component = vote == null ? "card_similarity" : "vote";
        int neighbours = vote == null ? 0 : vote.exemplarNeighbours();
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < votes.length; i++) {
            scores.add(new CandidateScore(input.candidates().get(i).model(), votes[i], Map.of(component, votes[i])));
        }
        // Enough exemplars among the neighbours: the feedback there has spoken, no need to explore.
        double evidence = neighbours >= config.minExemplars() ? Double.POSITIVE_INFINITY : neighbours;
        Exploration.Choice choice = Exploration.choose(votes, evidence, input, random);
        int chosen = choice.index();
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(choice, input.candidates().get(chosen).model(), Scores.marginConfidence(ranked), ranked);
    }
}
