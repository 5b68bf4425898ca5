package dev.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.app.eval.EvalItem;
import dev.switchboard.app.eval.EvalReport;
import dev.switchboard.app.eval.Evaluation;
import dev.switchboard.app.eval.SimulatedUser;
import dev.switchboard.contracts.config.ConfigLoader;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.contracts.config.SwitchboardConfig;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each algorithm that routes by the prompt, switched to in the homelab config by its one line, learning from
 * feedback that goes the whole way: routed requests, corrections on {@code feedback.submit}, the feedback verticle,
 * an embedded Kafka broker, the learning loop and {@code router.learning}. The cards send requests to translate
 * text to the fast general model; the corrections say this user wants them on gpt-4o (with a few corrections that
 * confirm code and everyday questions where they were). Afterwards new translation requests go to gpt-4o, and code
 * and everyday questions stay where the cards sent them: learning moved what the feedback was about, and did not
 * collapse onto the model it named. Feedback this skewed (14 corrections toward one model, 6 confirmations) is
 * where a model that generalises pays: the neighbour votes and router_dc, svm and automix moved none of the six
 * other questions, kmeans one, mlp two; the bound is two.
 */
class LearningThroughKafkaTest {

    private static final Map<String, String> MODEL_OF_LABEL = Map.of("coder", "qwen-coder", "reasoning", "gpt-4o",
            "fast-general", "gemini-flash");
    private static final String TRANSLATE = "reasoning";
    /** How many of the six code and everyday questions may move. */
    private static final int SPILL = 2;

    /** Written for this test. */
    private static final List<String> TRANSLATIONS = List.of(
            "Translate into French: the meeting is moved to Thursday afternoon.",
            "Translate this sentence into German: please close the window before you leave.",
            "How do you say 'where is the train station' in Spanish?",
            "Translate to Italian: I would like a table for two by the window.",
            "Translate into Portuguese: the invoice is attached to this email.",
            "Put this into French: our office will be closed on Monday.",
            "Translate this into Dutch: thank you for your patience.",
            "Translate to Spanish: the package arrived damaged.",
            "Translate into German: can you recommend a good restaurant nearby?",
            "Translate this to French: I am looking forward to seeing you.",
            "Translate into Italian: the museum opens at nine in the morning.",
            "Translate to Portuguese: please call me back when you can.",
            "Translate into Spanish: we need two more chairs for the meeting.",
            "Translate this sentence to German: my flight has been delayed.",
            "Translate to French: the keys are on the kitchen table.",
            "Translate into Dutch: the shop is around the corner.",
            "Translate to Italian: how much does this jacket cost?",
            "Translate into French: the weather will be sunny tomorrow.",
            "Translate this to Spanish: I forgot my umbrella at home.",
            "Translate into German: the report is due on Friday.");
    private static final List<String> CODE = List.of(
            "Write a Python function that removes duplicates from a list while keeping the order.",
            "Why does my Java loop throw ConcurrentModificationException when I remove items?",
            "Implement binary search in Go.",
            "Write a JUnit test for a Java method that adds two numbers.",
            "Fix this JavaScript: my fetch call returns a pending Promise instead of the data.",
            "Write a bash script that renames every .txt file in a folder to .md.");
    private static final List<String> EVERYDAY = List.of(
            "What is the capital of Australia?",
            "Give me three ideas for a rainy Sunday afternoon.",
            "Who wrote Pride and Prejudice?",
            "Suggest a name for a golden retriever puppy.",
            "Recommend a good novel to read on holiday.",
            "What should I pack for a weekend at the seaside?");

    private static List<EvalItem> items(List<String> texts, String label, int from, int to) {
        List<EvalItem> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(new EvalItem(i + 1, label + "-" + i, texts.get(i), label, label, "en"));
        }
        return items;
    }

    @ParameterizedTest
    @ValueSource(strings = {"router_dc", "multi_factor", "hybrid", "knn", "kmeans", "svm", "mlp", "gmtrouter",
            "automix"})
    void shouldLearnFromCorrectionsThroughKafkaWithoutMovingTheRest(String algorithm) throws Exception {
        // The corrections send translations to gpt-4o, the dearest model by the shipped price table. With prices,
        // AutoMix weighs a step up's extra cost against its gain (AutomixSelection's own tests cover that); here
        // only the learning path is under test, so that weighing is off for it.
        String algorithmLines = algorithm.equals("automix")
                ? "type: automix\n        automix:\n          cost_aware_routing: false" : "type: " + algorithm;
        SwitchboardConfig config = ConfigLoader.parse(Files.readString(TestConfigs.HOMELAB)
                .replace("type: multi_factor", algorithmLines), "homelab (" + algorithm + ")").config();
        Map<String, String> labelOfModel = Map.of("qwen-coder", "coder", "gpt-4o", "reasoning",
                "gemini-flash", "fast-general");
        List<String> labels = List.of("coder", "reasoning", "fast-general");
        List<EvalItem> learn = new ArrayList<>(items(TRANSLATIONS, TRANSLATE, 0, 14));
        learn.addAll(items(CODE, "coder", 0, 3));
        learn.addAll(items(EVERYDAY, "fast-general", 0, 3));
        List<EvalItem> newTranslations = items(TRANSLATIONS, TRANSLATE, 14, 20);
        List<EvalItem> others = new ArrayList<>(items(CODE, "coder", 3, 6));
        others.addAll(items(EVERYDAY, "fast-general", 3, 6));

        Evaluation evaluation = Evaluation.start(config, true, 42);
        try {
            Evaluation.Subject subject = new Evaluation.Subject(algorithm, RouterSettings.of(config));
            EvalReport before = evaluation.score(subject, newTranslations, labelOfModel, labels);
            EvalReport restBefore = evaluation.score(subject, others, labelOfModel, labels);
            List<Double> delays = evaluation.learn(subject, learn, MODEL_OF_LABEL, SimulatedUser.CORRECTIVE,
                    Map.of());
            EvalReport translations = evaluation.score(subject, newTranslations, labelOfModel, labels);
            EvalReport rest = evaluation.score(subject, others, labelOfModel, labels);

            assertThat(before.accuracy()).as("the cards send translations to the fast model").isLessThan(0.5);
            assertThat(delays).as("every correction reached the router's learned state").hasSize(learn.size());
            assertThat(translations.accuracy()).as("new translations after the corrections")
                    .isGreaterThanOrEqualTo(5 / 6.0);
            assertThat(restBefore.accuracy()).as("the cards route code and everyday questions").isGreaterThan(0.8);
            assertThat(rest.misrouted().size()).as("code and everyday questions stay where the cards send them; "
                    + "before " + restBefore.misrouted() + ", after " + rest.misrouted())
                    .isLessThanOrEqualTo(restBefore.misrouted().size() + SPILL);
            assertThat(rest.routedTo()).as("no collapse onto the corrected model").containsKeys("coder",
                    "fast-general");
        } finally {
            evaluation.close();
        }
    }
}
