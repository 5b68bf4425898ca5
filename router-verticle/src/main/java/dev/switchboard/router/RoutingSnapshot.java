package dev.switchboard.router;

import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ResponseCachePlugin;
import dev.switchboard.contracts.config.RouterSettings;
import dev.switchboard.selection.AnchorSimilarities;
import dev.switchboard.selection.Candidate;
import dev.switchboard.selection.CardPrior;
import dev.switchboard.selection.SelectionAlgorithm;
import dev.switchboard.router.signals.Signals;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the router needs for one config version, compiled and embedded once: the settings, the compiled
 * signal rules, one selection algorithm per decision and the model-card vectors. Immutable; a config change builds
 * a new snapshot and swaps it in, and a request keeps the snapshot it started with.
 *
 * @param revision    config revision
 * @param settings    the router's config slice
 * @param signals     compiled signal rules
 * @param selectors   the selection algorithm of each decision, by decision name
 * @param candidates  each decision's candidates with their cards and card vectors, by decision name
 * @param cardVectors unit embeddings of the model cards, by model name
 * @param modelId     the embedding model the vectors come from
 * @param anchors     the capability anchors given to each model card, by model name
 */
record RoutingSnapshot(
        String revision,
        RouterSettings settings,
        Signals signals,
        Map<String, SelectionAlgorithm> selectors,
        Map<String, List<Candidate>> candidates,
        Map<String, float[]> cardVectors,
        String modelId,
        Map<String, List<float[]>> anchors) {

    /**
     * The model cards' prior for a prompt ({@link CardPrior}); empty without a vector or anchors. The anchors'
     * cosines land in {@code similarities}, where the request's selection reads them again.
     */
    Map<String, Double> prior(float[] promptVector, AnchorSimilarities similarities) {
        return CardPrior.of(promptVector, anchors, similarities);
    }

    boolean isAutoName(String model) {
        return settings.autoModelNames().contains(model);
    }

    Optional<DecisionDefinition> decision(String name) {
        return settings.routing().decisions().stream().filter(d -> d.name().equals(name)).findFirst();
    }

    Optional<ModelDefinition> model(String name) {
        return settings.providers().model(name);
    }

    ModelDefinition defaultModel() {
        return settings.providers().model(settings.providers().defaults().defaultModel()).orElseThrow();
    }

    /** Whether routing uses the prompt's embedding (embedding signals or model cards to compare with). */
    boolean needsPromptEmbedding() {
        return signals.usesEmbeddings() || !cardVectors.isEmpty()
                || selectors.values().stream().anyMatch(SelectionAlgorithm::usesPromptEmbedding)
                || settings.routing().decisions().stream().anyMatch(RoutingSnapshot::cachesByMeaning);
    }

    /** Whether the decision's response cache looks prompts up by meaning: the proxy then needs their embedding. */
    static boolean cachesByMeaning(DecisionDefinition decision) {
        return decision.responseCache().filter(ResponseCachePlugin::semanticLookups).isPresent();
    }

    Set<String> modelNames() {
        return settings.providers().models().stream().map(ModelDefinition::name)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
}
