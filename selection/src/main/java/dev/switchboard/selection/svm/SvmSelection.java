package dev.switchboard.selection.svm;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.Exploration;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.CandidateLogits;
import dev.switchboard.selection.learning.HeadsModel;
import dev.switchboard.selection.learning.RandomFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * {@code svm}: each candidate's SVM ({@link SvmLearner}) scores the prompt, {@code f_m = log prior_m + r(x) ·
 * w_m·φ(x)} (r: the reach, see {@link dev.switchboard.selection.learning.LinearHeads}); the highest margin wins. Untrained, {@code f} is the cards' log-prior, so it routes like the cards. Margins
 * within {@value #TIE} of the best are a tie, broken toward the cheaper candidate (by price, when candidates have
 * prices).
 */
public final class SvmSelection implements SelectionAlgorithm {

    static final String TYPE = "svm";
    static final double TIE = 0.05;

    private final SvmSettings settings;
    private final RandomGenerator random;

    SvmSelection(SvmSettings settings, RandomGenerator random) {
        this.settings = settings;
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
            throw new SelectionUnavailableException("svm needs the prompt's embedding");
        }
        HeadsModel learned = input.learned().model(TYPE, HeadsModel.class).orElse(HeadsModel.UNTRAINED);
        float[] features = SvmSettings.RBF.equals(settings.kernel())
                ? RandomFeatures.of(prompt.length, settings.features(), settings.gamma()).apply(prompt) : prompt;
        double[] margins = CandidateLogits.of(input, learned.heads(), features);
        double[] cheapness = Scores.cheapness(input.candidates());
        double[] ranked = margins.clone();
        if (cheapness != null) {
            double best = Arrays.stream(margins).max().orElse(0);
            for (int i = 0; i < ranked.length; i++) {
                // Within the tie, the cheaper candidate ranks first; outside it, margins rank.
                ranked[i] = margins[i] >= best - TIE ? best + TIE * cheapness[i] : margins[i];
            }
        }
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < margins.length; i++) {
            scores.add(new CandidateScore(input.candidates().get(i).model(), ranked[i], Map.of("margin", margins[i])));
        }
        Exploration.Choice choice = Exploration.choose(ranked, learned.evidence(), input, random);
        int chosen = choice.index();
        List<CandidateScore> best = Scores.bestFirst(scores);
        return new Selection(choice, input.candidates().get(chosen).model(), confidence(best), best);
    }

    /** How clearly the winner's margin beats the runner-up's: 0.5 at a tie, toward 1 as the gap grows. */
    private static double confidence(List<CandidateScore> bestFirst) {
        if (bestFirst.size() < 2) {
            return 1;
        }
        return 1 / (1 + Math.exp(-(bestFirst.get(0).score() - bestFirst.get(1).score())));
    }
}
