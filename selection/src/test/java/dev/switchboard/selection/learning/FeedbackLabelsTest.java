package dev.switchboard.selection.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState.Label;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each kind of feedback says about each model, with the homelab's three models ordered by size. */
class FeedbackLabelsTest {

    private static final List<String> CANDIDATES = List.of("qwen-coder", "gpt-4o", "gemini-flash");
    /** The homelab cards' parameter counts: 7B, 200B+, ~100B. */
    private static final Map<String, Double> STRENGTH = Map.of("qwen-coder", 7e9, "gpt-4o", 200e9,
            "gemini-flash", 100e9);

    private static FeedbackLabels.Facts verdict(String served, String verdict, Map<String, Double> strength) {
        return new FeedbackLabels.Facts(FeedbackSubmission.VERDICT, verdict, null, null, null, null, served,
                CANDIDATES, strength);
    }

    @Test
    void underpoweredShouldRuleOutTheServedAndWeakerModelsAndPointToTheStrongerOne() {
        FeedbackLabels.Facts facts = verdict("gemini-flash", FeedbackSubmission.UNDERPOWERED, STRENGTH);

        assertThat(FeedbackLabels.choices(facts)).containsExactlyInAnyOrder(new Label("gemini-flash", 0, 1),
                new Label("qwen-coder", 0, 1), new Label("gpt-4o", 1, 1));
        assertThat(FeedbackLabels.sufficiency(facts)).containsExactlyInAnyOrder(new Label("gemini-flash", 0, 1),
                new Label("qwen-coder", 0, 1), new Label("gpt-4o", 1, 1));
    }

    @Test
    void overprovisionedShouldShareTheChoiceAmongTheWeakerModels() {
        FeedbackLabels.Facts facts = verdict("gpt-4o", FeedbackSubmission.OVERPROVISIONED, STRENGTH);

        assertThat(FeedbackLabels.choices(facts)).containsExactlyInAnyOrder(new Label("gpt-4o", 0, 1),
                new Label("qwen-coder", 1, 0.5), new Label("gemini-flash", 1, 0.5));
        assertThat(FeedbackLabels.sufficiency(facts)).as("the answer was good; the strongest weaker one would do")
                .containsExactlyInAnyOrder(new Label("gpt-4o", 1, 1), new Label("gemini-flash", 1, 1));
    }

    @Test
    void aDirectionWithoutAStrengthOrderShouldOnlySayTheServedModelWasWrong() {
        FeedbackLabels.Facts facts = verdict("gemini-flash", FeedbackSubmission.UNDERPOWERED, Map.of());

        assertThat(FeedbackLabels.choices(facts)).containsExactly(new Label("gemini-flash", 0, 1));
        assertThat(FeedbackLabels.sufficiency(facts)).containsExactly(new Label("gemini-flash", 0, 1));
    }

    @Test
    void aCorrectionShouldNameTheRightModelAndRuleOutTheOthers() {
        FeedbackLabels.Facts facts = new FeedbackLabels.Facts(FeedbackSubmission.CORRECTIVE, null, null, null, null,
                "gemini-flash", "gpt-4o", CANDIDATES, STRENGTH);

        assertThat(FeedbackLabels.choices(facts)).containsExactlyInAnyOrder(new Label("gemini-flash", 1, 1),
                new Label("gpt-4o", 0, 1), new Label("qwen-coder", 0, 1));
        assertThat(FeedbackLabels.sufficiency(facts)).containsExactlyInAnyOrder(new Label("gemini-flash", 1, 1),
                new Label("gpt-4o", 1, 1), new Label("qwen-coder", 0, 1));
    }

    @Test
    void thumbsRatingsAndPairsShouldSpeakOfTheModelsTheyName() {
        FeedbackLabels.Facts rating = new FeedbackLabels.Facts(FeedbackSubmission.RATING, null, 0.25, null, null,
                null, "qwen-coder", CANDIDATES, STRENGTH);
        FeedbackLabels.Facts pair = new FeedbackLabels.Facts(FeedbackSubmission.PAIRWISE, null, null, "gpt-4o",
                "qwen-coder", null, "qwen-coder", CANDIDATES, STRENGTH);

        assertThat(FeedbackLabels.choices(rating)).containsExactly(new Label("qwen-coder", 0.25, 1));
        assertThat(FeedbackLabels.choices(pair)).containsExactly(new Label("gpt-4o", 1, 1),
                new Label("qwen-coder", 0, 1));
    }
}
