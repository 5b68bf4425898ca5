package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.SignalsConfig;
import java.util.List;
import java.util.Map;

/**
 * The signal rules that compare the prompt's embedding with embedded examples, compiled once per config version
 * with their examples' vectors. A family the config does not use is empty (or null for the single classifiers).
 *
 * @param embeddings   {@code routing.signals.embeddings[]}
 * @param preferences  {@code routing.signals.preferences[]}, scored like embedding rules
 * @param domains      the domain classifier; null without domain rules
 * @param complexity   {@code routing.signals.complexity[]}
 * @param userFeedback the user-feedback classifier; null without rules
 * @param factCheck    the fact-check classifier; null without rules
 * @param jailbreak    {@code routing.signals.jailbreak[]}
 * @param modality     the output-modality classifier; null without rules
 */
public record EmbeddedRules(
        List<EmbeddingRule> embeddings,
        List<EmbeddingRule> preferences,
        DomainRules domains,
        List<ComplexityRule> complexity,
        ExampleClassRules userFeedback,
        ExampleClassRules factCheck,
        List<JailbreakRule> jailbreak,
        ExampleClassRules modality) {

    public static final EmbeddedRules NONE = new EmbeddedRules(List.of(), List.of(), null, List.of(), null, null,
            List.of(), null);

    public EmbeddedRules {
        embeddings = List.copyOf(embeddings);
        preferences = List.copyOf(preferences);
        complexity = List.copyOf(complexity);
        jailbreak = List.copyOf(jailbreak);
    }

    /** Only embedding rules, as the older families' tests build them. */
    public static EmbeddedRules of(List<EmbeddingRule> embeddings) {
        return new EmbeddedRules(embeddings, List.of(), null, List.of(), null, null, List.of(), null);
    }

    boolean isEmpty() {
        return embeddings.isEmpty() && preferences.isEmpty() && domains == null && complexity.isEmpty()
                && userFeedback == null && factCheck == null && jailbreak.isEmpty() && modality == null;
    }

    /** Whether a rule scores the earlier user turns, whose vectors the router must then compute too. */
    boolean scoresEarlierTurns() {
        return jailbreak.stream().anyMatch(JailbreakRule::includeHistory);
    }

    /**
     * @param earlierTurns   the earlier user turns' unit vectors, when {@link #scoresEarlierTurns}; else empty
     * @param learnedDomains prompts domain feedback labelled, by domain label, of the router's embedding model
     */
    void evaluate(float[] prompt, List<float[]> earlierTurns, Map<String, List<float[]>> learnedDomains,
            Map<String, Double> matched) {
        similarities(SignalsConfig.EMBEDDING, embeddings, prompt, matched);
        similarities(SignalsConfig.PREFERENCE, preferences, prompt, matched);
        if (domains != null) {
            domains.evaluate(prompt, learnedDomains, matched);
        }
        complexity.forEach(rule -> rule.evaluate(prompt, matched));
        if (userFeedback != null) {
            userFeedback.evaluate(prompt, matched);
        }
        if (factCheck != null) {
            factCheck.evaluate(prompt, matched);
        }
        jailbreak.forEach(rule -> rule.evaluate(prompt, earlierTurns, matched));
        if (modality != null) {
            modality.evaluate(prompt, matched);
        }
    }

    private static void similarities(String type, List<EmbeddingRule> rules, float[] prompt,
            Map<String, Double> matched) {
        for (EmbeddingRule rule : rules) {
            double similarity = rule.similarity(prompt);
            if (similarity >= rule.threshold()) {
                matched.put(SignalResults.key(type, rule.name()), Math.max(0, similarity));
            }
        }
    }
}
