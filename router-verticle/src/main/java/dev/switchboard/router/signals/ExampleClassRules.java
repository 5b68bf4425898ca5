package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.ExampleClassSignal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled rules of a classifier family ({@code user_feedbacks}, {@code fact_check}, {@code modality}): one
 * {@link ExampleVote}
 * over the bank's classes (with, for feedback, its class of messages that are no feedback at all) and the rules' own
 * examples. A rule matches when its class wins with at least its threshold's share of the votes.
 */
public final class ExampleClassRules {

    /**
     * The cosine an example must exceed to vote, with the built-in model: a reply about the previous answer is
     * close to some feedback example (0.45 and up, short ones 0.6 and up), while a new request of any kind sits
     * at 0.2 to 0.4 from the nearest one.
     */
    public static final double FEEDBACK_FLOOR = 0.4;
    /** Fact-check examples are broad (any factual question), so prompts sit further from them. */
    public static final double FACT_CHECK_FLOOR = 0.2;
    /** Modality examples are requests of every kind; an image request sits above 0.35 from the nearest image one. */
    public static final double MODALITY_FLOOR = 0.3;

    private final String type;
    private final Map<String, Double> thresholds;
    private final ExampleVote vote;
    private final String fallback;

    private ExampleClassRules(String type, Map<String, Double> thresholds, ExampleVote vote, String fallback) {
        this.type = type;
        this.thresholds = Map.copyOf(thresholds);
        this.vote = vote;
        this.fallback = fallback;
    }

    /** The texts each class is recognised by: the bank's, plus each rule's own examples. */
    public static Map<String, List<String>> examples(List<ExampleClassSignal> rules, Map<String, List<String>> bank) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        bank.forEach((label, texts) -> examples.put(label, new ArrayList<>(texts)));
        for (ExampleClassSignal rule : rules) {
            examples.computeIfAbsent(rule.name(), l -> new ArrayList<>()).addAll(rule.examples());
        }
        examples.values().removeIf(List::isEmpty);
        return examples;
    }

    /**
     * @param type    the condition type the rules answer to
     * @param vectors the unit vectors of {@link #examples}, by class
     */
    public static ExampleClassRules of(String type, List<ExampleClassSignal> rules,
            Map<String, List<float[]>> vectors, double floor) {
        return of(type, rules, vectors, floor, null);
    }

    /**
     * The same, for a family whose detector always answers, as the reference's output-modality classifier: the
     * winning class matches whatever its share of the votes (thresholds are not applied), and a prompt near no
     * example is of class {@code fallback} (text), with confidence 1.
     */
    public static ExampleClassRules of(String type, List<ExampleClassSignal> rules,
            Map<String, List<float[]>> vectors, double floor, String fallback) {
        Map<String, Double> thresholds = new LinkedHashMap<>();
        rules.forEach(rule -> thresholds.put(rule.name(), rule.threshold()));
        return new ExampleClassRules(type, thresholds, new ExampleVote(vectors, ExampleVote.DEFAULT_K, floor),
                fallback);
    }

    void evaluate(float[] prompt, Map<String, Double> matched) {
        ClassVerdict verdict = vote.classify(prompt);
        if (fallback != null) {
            // A detector that always answers: its winning class matches whatever its share of the votes.
            String label = verdict.label() == null ? fallback : verdict.label();
            if (thresholds.containsKey(label)) {
                matched.put(SignalResults.key(type, label), verdict.label() == null ? 1.0 : verdict.confidence());
            }
            return;
        }
        Double threshold = verdict.label() == null ? null : thresholds.get(verdict.label());
        if (threshold != null && verdict.confidence() >= threshold) {
            matched.put(SignalResults.key(type, verdict.label()), verdict.confidence());
        }
    }
}
