package dev.switchboard.selection.gmtrouter;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.selection.CapabilityMatch;
import dev.switchboard.selection.CardSimilarity;
import dev.switchboard.selection.Exploration;
import dev.switchboard.selection.Scores;
import dev.switchboard.selection.Selection;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.selection.SelectionInput;
import dev.switchboard.selection.SelectionUnavailableException;
import dev.switchboard.selection.learning.CandidateLogits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * {@code gmtrouter}: GMTRouter's idea (arXiv 2511.08590) on a graph Switchboard keeps without training a network.
 * Nodes: users, prompts (those with feedback, and the cards' anchor prompts) and models. Edges: a prompt to its
 * {@code history_sample_size} most similar prompts, a prompt with feedback to the models the feedback names (for or
 * against) and to the user who gave it, a user to similar users (whose preferences over the models, learned by
 * {@link UserPreferenceLearner}, point the same way). A prediction propagates preference along two paths: from the
 * prompt's neighbours to the models (their vote, as in {@code knn}), and, for a user with enough feedback, from the
 * neighbours among the prompts of the user and of the most similar users (the same vote, personal). Both votes are
 * on the cards' log-odds scale; the scores are the softmax of their sum.
 */
public final class GmtRouterSelection implements SelectionAlgorithm {

    static final String TYPE = "gmtrouter";
    /** The vote shares' scale on the log-odds axis: the cards' calibration ({@code CardPrior}). */
    static final double VOTE_TEMPERATURE = 0.3;

    private final GmtRouterSettings settings;
    private final RandomGenerator random;

    GmtRouterSelection(GmtRouterSettings settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    @Override
    public boolean usesPromptEmbedding() {
        return true;
    }

    @Override
    public Selection select(SelectionInput input) throws SelectionUnavailableException {
        if (input.promptVector() == null) {
            throw new SelectionUnavailableException("gmtrouter needs the prompt's embedding");
        }
        CapabilityMatch.Vote vote = CapabilityMatch.vote(input, settings.historySampleSize());
        double[] prompt = vote == null ? CardSimilarity.cosines(input) : vote.shares();
        UserPreferences users = input.learned().model(TYPE, UserPreferences.class).orElse(UserPreferences.NONE);
        String user = input.request() == null ? null : input.request().userId();
        Set<String> circle = settings.enablePersonalization() ? users.neighbourhood(user, settings.similarUsers())
                : Set.of();
        CapabilityMatch.Vote personalVote = circle.isEmpty() ? null : CapabilityMatch.vote(input,
                settings.historySampleSize(), false, exemplar -> circle.contains(exemplar.userId()));
        double[] personal = personalVote == null ? new double[prompt.length] : personalVote.shares();
        double[] logits = new double[prompt.length];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (prompt[i] + personal[i]) / VOTE_TEMPERATURE;
        }
        double[] p = CandidateLogits.softmax(logits);
        List<CandidateScore> scores = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            Map<String, Double> components = new LinkedHashMap<>();
            components.put("prompt_vote", prompt[i]);
            components.put("personal_vote", personal[i]);
            components.put("probability", p[i]);
            scores.add(new CandidateScore(input.candidates().get(i).model(), p[i], components));
        }
        double evidence = vote == null ? 0 : vote.exemplarNeighbours();
        Exploration.Choice choice = Exploration.choose(p, evidence, input, random);
        int chosen = choice.index();
        List<CandidateScore> ranked = Scores.bestFirst(scores);
        return new Selection(choice, input.candidates().get(chosen).model(), p[chosen], ranked);
    }
}
