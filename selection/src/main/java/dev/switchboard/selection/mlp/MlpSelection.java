package dev.switchboard.selection.mlp;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Exploration;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.CandidateLogits;
import dev.switchboard.selection.learning.LinearHeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code mlp}: the network ({@link MlpLearner}) predicts for each candidate the probability that it is the right
 * model for the prompt; the most probable wins. Untrained, the probabilities follow the cards' prior.
 */
public final class MlpSelection implements SelectionAlgorithm {

    static final String TYPE = "mlp";

    private final RandomGenerator random;

    MlpSelection(RandomGenerator random) {
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
            throw new SelectionUnavailableException("mlp needs the prompt's embedding");
        }
        MlpModel model = input.learned().model(TYPE, MlpModel.class).orElse(MlpModel.UNTRAINED);
        boolean fits = model.inputs() == prompt.length;
        LinearHeads.Frozen heads = fits ? model.heads() : LinearHeads.Frozen.UNTRAINED;
        double[] p = CandidateLogits.sigmoids(CandidateLogits.of(input, heads, fits ? model.hidden(prompt)
                : new float[0]));
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            scores.add(new CandidateScore(input.candidates().get(i).model(), p[i], Map.of("predicted_reward", p[i])));
        }
        Exploration.Choice choice = Exploration.choose(p, Exploration.evidence(model.examples()), input, random);
        int chosen = choice.index();
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(choice, input.candidates().get(chosen).model(), Scores.marginConfidence(ranked), ranked);
    }
}
