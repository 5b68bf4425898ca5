package dev.switchboard.router.signals;

import dev.switchboard.contracts.config.SignalsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled signal rules of one config version. Keyword and context rules need only the request; embedding
 * rules need the prompt's vector and are skipped without one (the router then reports
 * {@code embedding_unavailable}).
 */
public final class Signals {

    private final List<KeywordRule> keywords;
    private final List<ContextRule> contexts;
    private final List<EmbeddingRule> embeddings;
    private final LanguageRules language;

    public Signals(List<KeywordRule> keywords, List<ContextRule> contexts, List<EmbeddingRule> embeddings,
            LanguageRules language) {
        this.keywords = List.copyOf(keywords);
        this.contexts = List.copyOf(contexts);
        this.embeddings = List.copyOf(embeddings);
        this.language = language;
    }

    /**
     * Compiles the keyword and context rules; the embedding rules come with their candidates' vectors and the
     * language rules with their detector (null when the config has none).
     */
    public static Signals compile(SignalsConfig config, List<EmbeddingRule> embeddingRules, LanguageRules language) {
        return new Signals(config.keywords().stream().map(KeywordRule::new).toList(),
                config.context().stream().map(ContextRule::of).toList(), embeddingRules, language);
    }

    public boolean usesEmbeddings() {
        return !embeddings.isEmpty();
    }

    /** The language rules, when the config has any; detection is blocking and runs on a worker. */
    public java.util.Optional<LanguageRules> languageRules() {
        return java.util.Optional.ofNullable(language);
    }

    /**
     * @param text         the latest user message
     * @param tokens       the request's token estimate
     * @param promptVector the message's unit vector; null when it could not be computed
     * @param detected     the message's language; null when no rule needs it or detection failed
     */
    public SignalResults evaluate(String text, long tokens, float[] promptVector, LanguageRules.Detected detected) {
        Map<String, Double> matched = new HashMap<>();
        for (KeywordRule rule : keywords) {
            double confidence = rule.evaluate(text);
            if (confidence >= 0) {
                matched.put(SignalResults.key("keyword", rule.name()), confidence);
            }
        }
        for (ContextRule rule : contexts) {
            if (rule.matches(tokens)) {
                matched.put(SignalResults.key("context", rule.name()), 1.0);
            }
        }
        if (promptVector != null) {
            for (EmbeddingRule rule : embeddings) {
                double similarity = rule.similarity(promptVector);
                if (similarity >= rule.threshold()) {
                    matched.put(SignalResults.key("embedding", rule.name()), Math.max(0, similarity));
                }
            }
        }
        if (language != null && detected != null) {
            language.evaluate(detected, matched);
        }
        return new SignalResults(matched);
    }
}
