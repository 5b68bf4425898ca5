package dev.switchboard.selection;

import static dev.switchboard.selection.Candidates.of;
import static dev.switchboard.selection.Candidates.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.selection.elo.EloSelection;
import dev.switchboard.selection.elo.EloSettings;
import dev.switchboard.selection.knn.KnnSelection;
import dev.switchboard.selection.knn.KnnSettings;
import dev.switchboard.selection.multifactor.MultiFactorSelection;
import dev.switchboard.selection.multifactor.MultiFactorSettings;
import dev.switchboard.selection.rldriven.RlDrivenSelection;
import dev.switchboard.selection.rldriven.RlDrivenSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** elo, rl_driven and knn over hand-made learned states; randomness seeded. */
class LearningAlgorithmsTest {

    private static LearnedState.ModelStats rating(double rating, long comparisons) {
        return new LearnedState.ModelStats(rating, 0, 0, comparisons);
    }

    private static LearnedState.ModelStats counts(double successes, double failures) {
        return new LearnedState.ModelStats(1500, successes, failures, 0);
    }

    private static LearnedState learned(Map<String, Map<String, LearnedState.ModelStats>> byScope,
            List<LearnedState.Exemplar> exemplars) {
        return new LearnedState(1, byScope, exemplars);
    }

    private static SelectionInput input(LearnedState learned, String user, String session, float[] prompt,
            Candidate... candidates) {
        return new SelectionInput("d", List.of(candidates), prompt == null ? null : unit(prompt),
                new RouteRequest("r", "MoM", "t", List.of(), 4, session, user, false, "test"), null, learned);
    }

    private static EloSettings elo(double costScaling) {
        return new EloSettings(null, null, null, costScaling);
    }

    @Test
    void eloShouldTakeTheFirstCandidateUntilFeedbackArrivesThenTheBestRated() {
        Candidate a = of("a", null, null);
        Candidate b = of("b", null, null);

        Selection cold = new EloSelection(elo(0)).select(input(LearnedState.EMPTY, null, null, null, a, b));
        Selection warm = new EloSelection(elo(0)).select(input(learned(Map.of(LearnedState.GLOBAL,
                Map.of("a", rating(1450, 8), "b", rating(1550, 8))), List.of()), null, null, null, a, b));

        assertThat(cold.model()).isEqualTo("a");
        assertThat(cold.confidence()).isLessThan(0.5);
        assertThat(warm.model()).isEqualTo("b");
        assertThat(warm.scores().get(0).components().get("win_probability"))
                .as("Bradley-Terry: 100 points is 64 %").isBetween(0.63, 0.65);
        assertThat(warm.confidence()).isGreaterThan(0.6);
    }

    @Test
    void eloShouldPreferTheDecisionsOwnTableAndLetACostBonusDecideCloseRatings() {
        Candidate dear = of("dear", 10.0, null);
        Candidate cheap = of("cheap", 0.1, null);
        LearnedState state = learned(Map.of(
                LearnedState.GLOBAL, Map.of("dear", rating(1700, 50), "cheap", rating(1300, 50)),
                "d", Map.of("dear", rating(1510, 20), "cheap", rating(1500, 20))), List.of());

        Selection plain = new EloSelection(elo(0)).select(input(state, null, null, null, dear, cheap));
        Selection thrifty = new EloSelection(elo(0.5)).select(input(state, null, null, null, dear, cheap));

        assertThat(plain.model()).as("the decision's 10 points, not the global 400").isEqualTo("dear");
        assertThat(plain.scores().get(0).components().get("rating")).isEqualTo(1510.0);
        assertThat(thrifty.model()).isEqualTo("cheap");
    }

    @Test
    void rlDrivenShouldExploreWithoutDataAndExploitClearEvidence() {
        Candidate a = of("a", null, null);
        Candidate b = of("b", null, null);
        RlDrivenSettings thompson = new RlDrivenSettings(null, null, null, 0.0);
        RandomGenerator random = new SplittableRandom(7);
        LearnedState evidence = learned(Map.of(LearnedState.GLOBAL, Map.of("a", counts(10, 90), "b", counts(90, 10))),
                List.of());

        Map<String, Integer> cold = tally(new RlDrivenSelection(thompson, random), input(LearnedState.EMPTY, null,
                null, null, a, b), 400);
        Map<String, Integer> warm = tally(new RlDrivenSelection(thompson, random), input(evidence, null, null, null,
                a, b), 400);

        assertThat(cold.get("a")).as("no data: both tried").isBetween(140, 260);
        assertThat(warm.getOrDefault("a", 0)).as("90 % against 10 %").isLessThan(4);
    }

    @Test
    void rlDrivenShouldFollowAUsersOwnExperience() {
        Candidate a = of("a", null, null);
        Candidate b = of("b", null, null);
        LearnedState state = learned(Map.of(
                LearnedState.GLOBAL, Map.of("a", counts(60, 40), "b", counts(40, 60)),
                "user:ada", Map.of("a", counts(2, 30), "b", counts(30, 2))), List.of());
        RlDrivenSelection selection = new RlDrivenSelection(new RlDrivenSettings(null, null, null, 0.0),
                new SplittableRandom(11));

        Map<String, Integer> ada = tally(selection, input(state, "ada", null, null, a, b), 200);
        Map<String, Integer> anyone = tally(selection, input(state, null, null, null, a, b), 200);

        assertThat(ada.getOrDefault("b", 0)).isGreaterThan(190);
        assertThat(anyone.getOrDefault("a", 0)).isGreaterThan(anyone.getOrDefault("b", 0));
    }

    @Test
    void rlDrivenEpsilonGreedyShouldMostlyExploitThePosteriorMean() {
        Candidate a = of("a", null, null);
        Candidate b = of("b", null, null);
        LearnedState state = learned(Map.of(LearnedState.GLOBAL, Map.of("a", counts(30, 70), "b", counts(70, 30))),
                List.of());
        RlDrivenSelection greedy = new RlDrivenSelection(new RlDrivenSettings(false, 0.2, 0.2, 0.0),
                new SplittableRandom(3));

        Map<String, Integer> picks = tally(greedy, input(state, null, null, null, a, b), 1000);

        // epsilon 0.2, half of the explorations land on b anyway: about 10 % a.
        assertThat(picks.get("a")).isBetween(60, 140);
    }

    @Test
    void knnShouldFollowTheRewardsOfSimilarPromptsAndFallBackToCards() throws Exception {
        Candidate small = of("small", 0.1, null, 1, 0, 0);
        Candidate large = of("large", 5.0, null, 0, 1, 0);
        List<LearnedState.Exemplar> exemplars = hardAndEasyExemplars();
        KnnSelection knn = new KnnSelection(new KnnSettings(3, 3, null), new SplittableRandom(1));
        LearnedState state = learned(Map.of(), exemplars);

        Selection hard = knn.select(input(state, null, null, new float[] {1, 0.05f, 0}, small, large));
        Selection cold = knn.select(input(LearnedState.EMPTY, null, null, new float[] {1, 0.05f, 0}, small, large));

        assertThat(hard.model()).isEqualTo("large");
        assertThat(hard.scores().get(0).components()).containsKey("vote");
        assertThat(cold.model()).as("the closest card").isEqualTo("small");
        assertThat(cold.scores().get(0).components()).containsKey("card_similarity");
        assertThatThrownBy(() -> knn.select(input(state, null, null, null, small, large)))
                .isInstanceOf(SelectionUnavailableException.class);
    }

    @Test
    void multiFactorShouldTakeTheCheaperModelWhereFeedbackSaysItSuffices() throws Exception {
        Candidate small = of("small", 0.1, null, 1, 0, 0);
        Candidate large = of("large", 5.0, null, 0, 1, 0);
        List<LearnedState.Exemplar> exemplars = hardAndEasyExemplars();
        MultiFactorSelection selection = new MultiFactorSelection(new MultiFactorSettings(
                new MultiFactorSettings.Weights(0.6, null, 0.4, null), null, null, null, null));
        LearnedState state = learned(Map.of(), exemplars);

        Selection hard = selection.select(input(state, null, null, new float[] {1, 0.05f, 0}, small, large));
        Selection easy = selection.select(input(state, null, null, new float[] {0, 0.05f, 1}, small, large));

        assertThat(hard.model()).as("the small model failed on prompts like this").isEqualTo("large");
        assertThat(easy.model()).as("both did well: the cheaper one").isEqualTo("small");
    }

    @Test
    void capabilityMatchShouldCountAnExemplarOfOwnTrafficAboveAGenericAnchorAtEqualSimilarity() {
        Candidate anchored = of("anchored", null, null);
        anchored = new Candidate("anchored", 1.0, anchored.definition(), anchored.card(), null,
                List.of(unit(1, 0.2f, 0)));
        Candidate learnedFromFeedback = of("learned", null, null);
        Candidate failedBefore = of("failed", null, null);
        LearnedState state = learned(Map.of(), List.of(exemplar(unit(1, -0.2f, 0), "learned", 1),
                exemplar(unit(1, 0, 0.2f), "failed", 0)));

        double[] shares = CapabilityMatch.shares(input(state, null, null, new float[] {1, 0, 0}, anchored,
                learnedFromFeedback, failedBefore));

        // Three neighbours at the same similarity: an anchor (strength 1) and two exemplars (strength 2 each).
        assertThat(shares[0]).isCloseTo(1 / 5.0, within(1e-6));
        assertThat(shares[1]).isCloseTo(2 / 5.0, within(1e-6));
        assertThat(shares[2]).as("a failure votes against, as strongly").isCloseTo(-2 / 5.0,
                within(1e-6));
    }

    /** Near (1, 0, 0) the small model failed and the large one did well; near (0, 0, 1) both did well. */
    private static List<LearnedState.Exemplar> hardAndEasyExemplars() {
        List<LearnedState.Exemplar> exemplars = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            exemplars.add(exemplar(unit(1, 0.1f * i, 0), "small", 0));
            exemplars.add(exemplar(unit(1, 0.1f * i, 0), "large", 1));
            exemplars.add(exemplar(unit(0, 0.1f * i, 1), "small", 1));
            exemplars.add(exemplar(unit(0, 0.1f * i, 1), "large", 1));
        }
        return exemplars;
    }

    private static LearnedState.Exemplar exemplar(float[] vector, String model, double reward) {
        return Exemplars.served(vector, model, reward);
    }

    private static Map<String, Integer> tally(SelectionAlgorithm selection, SelectionInput input, int times) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < times; i++) {
            try {
                counts.merge(selection.select(input).model(), 1, Integer::sum);
            } catch (SelectionUnavailableException e) {
                throw new AssertionError(e);
            }
        }
        return counts;
    }
}
