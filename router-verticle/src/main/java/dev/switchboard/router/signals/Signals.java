package dev.switchboard.router.signals;

import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ProjectionsConfig;
import dev.switchboard.contracts.config.SignalsConfig;
import dev.switchboard.selection.Vectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled signal rules of one config version. Keyword, context, structure, conversation, PII, re-ask, event,
 * input-modality, authz and metadata rules need only the request; the {@link EmbeddedRules} and the model-card condition need the prompt's vector and are
 * skipped without one (the router then reports {@code embedding_unavailable}); language rules need the detected
 * language.
 */
public final class Signals {

    private final List<KeywordRule> keywords;
    private final List<ContextRule> contexts;
    private final List<StructureRule> structure;
    private final List<ConversationRule> conversation;
    private final List<PiiRule> pii;
    private final List<ReaskRule> reasks;
    private final List<EventRule> events;
    private final List<InputModalityRule> inputModality;
    private final CallerRules caller;
    private final PartitionRules partitions;
    private final ProjectionRules projections;
    private final EmbeddedRules embedded;
    private final LanguageRules language;
    private final Map<String, float[]> cards;

    private Signals(SignalsConfig config, ProjectionsConfig projections, EmbeddedRules embedded,
            LanguageRules language, Map<String, float[]> cards) {
        this.keywords = config.keywords().stream().map(KeywordRule::new).toList();
        this.contexts = config.context().stream().map(ContextRule::of).toList();
        this.structure = config.structure().stream().map(StructureRule::new).toList();
        this.conversation = config.conversation().stream().map(ConversationRule::of).toList();
        this.pii = config.pii().stream().map(PiiRule::of).toList();
        this.reasks = config.reasks().stream().map(ReaskRule::of).toList();
        this.events = config.events().stream().map(EventRule::new).toList();
        this.inputModality = config.inputModality().stream().map(InputModalityRule::of).toList();
        this.caller = new CallerRules(config);
        this.partitions = new PartitionRules(projections, config);
        this.projections = new ProjectionRules(projections);
        this.embedded = embedded;
        this.language = language;
        this.cards = Map.copyOf(cards);
    }

    /**
     * Compiles the rules that need only the request; the embedded rules come with their examples' vectors and the
     * language rules with their detector (null when the config has none).
     */
    public static Signals compile(SignalsConfig config, EmbeddedRules embedded, LanguageRules language,
            Map<String, float[]> cards) {
        return compile(config, ProjectionsConfig.none(), embedded, language, cards);
    }

    /** The same, with the projections computed over the signals' results. */
    public static Signals compile(SignalsConfig config, ProjectionsConfig projections, EmbeddedRules embedded,
            LanguageRules language, Map<String, float[]> cards) {
        return new Signals(config, projections, embedded, language, cards);
    }

    public boolean usesEmbeddings() {
        return !embedded.isEmpty();
    }

    /** The language rules, when the config has any; detection is blocking and runs on a worker. */
    public java.util.Optional<LanguageRules> languageRules() {
        return java.util.Optional.ofNullable(language);
    }

    /**
     * @param request      the request: its latest user message, earlier turns, token estimate and shape
     * @param promptVector the message's unit vector; null when it could not be computed
     * @param detected     the message's language; null when no rule needs it or detection failed
     */
    public SignalResults evaluate(RouteRequest request, float[] promptVector, LanguageRules.Detected detected) {
        return evaluate(request, promptVector, List.of(), detected, Map.of());
    }

    /** Whether the rules score the request's earlier user turns by their vectors (jailbreak with history). */
    public boolean embedsEarlierTurns() {
        return embedded.scoresEarlierTurns();
    }

    /**
     * The same, with the earlier user turns' vectors (when {@link #embedsEarlierTurns}; else empty) and what domain
     * feedback taught: prompts labelled with their subject, by domain label, embedded by the same model as
     * {@code promptVector}.
     */
    public SignalResults evaluate(RouteRequest request, float[] promptVector, List<float[]> earlierTurnVectors,
            LanguageRules.Detected detected, Map<String, List<float[]>> learnedDomains) {
        String text = request.userMessage();
        Map<String, Double> matched = new HashMap<>();
        for (KeywordRule rule : keywords) {
            double confidence = rule.evaluate(text);
            if (confidence >= 0) {
                matched.put(SignalResults.key(SignalsConfig.KEYWORD, rule.name()), confidence);
            }
        }
        for (ContextRule rule : contexts) {
            if (rule.matches(request.estimatedTokens())) {
                matched.put(SignalResults.key(SignalsConfig.CONTEXT, rule.name()), 1.0);
            }
        }
        structure.forEach(rule -> rule.evaluate(text, matched));
        conversation.forEach(rule -> rule.evaluate(request.shape(), matched));
        pii.forEach(rule -> rule.evaluate(text, request.earlierTurns(), matched));
        reasks.forEach(rule -> rule.evaluate(text, request.earlierTurns(), matched));
        events.forEach(rule -> rule.evaluate(text, matched));
        inputModality.forEach(rule -> rule.evaluate(request.shape(), matched));
        caller.evaluate(request.caller(), matched);
        if (promptVector != null) {
            closestCard(promptVector, matched);
            embedded.evaluate(promptVector, earlierTurnVectors, learnedDomains, matched);
        }
        if (language != null && detected != null) {
            language.evaluate(detected, matched);
        }
        // Last: partitions keep one winner of competing rules, then the scores weigh every family's results.
        partitions.apply(matched);
        projections.evaluate(matched);
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
