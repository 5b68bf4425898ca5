package dev.switchboard.router.signals;

import dev.switchboard.selection.Vectors;
import dev.switchboard.contracts.config.SignalsConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled signal rules of one config version. Keyword and context rules need only the request; embedding
 * rules and the model-card condition need the prompt's vector and are skipped without one (the router then reports
 * {@code embedding_unavailable}); language rules need the detected language.
 */
public final class Signals {

    private final List<KeywordRule> keywords;
    private final List<ContextRule> contexts;
    private final List<EmbeddingRule> embeddings;
    private final LanguageRules language;
    private final Map<String, float[]> cards;

    public Signals(List<KeywordRule> keywords, List<ContextRule> contexts, List<EmbeddingRule> embeddings,
            LanguageRules language, Map<String, float[]> cards) {
        this.keywords = List.copyOf(keywords);
        this.contexts = List.copyOf(contexts);
        this.embeddings = List.copyOf(embeddings);
        this.language = language;
        this.cards = Map.copyOf(cards);
    }

    /**
     * Compiles the keyword and context rules; the embedding rules come with their candidates' vectors and the
     * language rules with their detector (null when the config has none).
     */
    public static Signals compile(SignalsConfig config, List<EmbeddingRule> embeddingRules, LanguageRules language,
            Map<String, float[]> cards) {
        return new Signals(config.keywords().stream().map(KeywordRule::new).toList(),
                config.context().stream().map(ContextRule::of).toList(), embeddingRules, language, cards);
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
            closestCard(promptVector, matched);
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

    /** The model card closest to the prompt matches {@code model_card:<name>}, with its cosine (at least 0). */
    private void closestCard(float[] promptVector, Map<String, Double> matched) {
        String closest = null;
        double best = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, float[]> card : cards.entrySet()) {
            double cosine = Vectors.dot(promptVector, card.getValue());
            if (cosine > best) {
                best = cosine;
                closest = card.getKey();
            }
        }
        if (closest != null) {
            matched.put(SignalResults.key("model_card", closest), Math.max(0, best));
        }
    }
}
