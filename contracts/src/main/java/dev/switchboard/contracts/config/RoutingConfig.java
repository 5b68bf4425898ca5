package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code routing}: what each model is good at, the signals computed per request and the decisions over them.
 *
 * @param strategy   how the winning decision is chosen when several match: {@code priority} (default: priority
 *                   descending, then confidence) or {@code confidence} (confidence descending, then priority)
 * @param modelCards natural-language descriptions and metadata of the models
 * @param signals    signal rules, by family
 * @param decisions  routing decisions, each with candidate models and a selection algorithm
 * @param projections scores and bands derived from the signals' results
 */
public record RoutingConfig(
        String strategy,
        @JsonProperty("modelCards") List<ModelCard> modelCards,
        SignalsConfig signals,
        List<DecisionDefinition> decisions,
        ProjectionsConfig projections) {

    public static final String STRATEGY_PRIORITY = "priority";
    public static final String STRATEGY_CONFIDENCE = "confidence";

    public RoutingConfig {
        strategy = strategy == null ? STRATEGY_PRIORITY : strategy;
        modelCards = Lists.immutable(modelCards);
        signals = signals == null ? SignalsConfig.none() : signals;
        decisions = Lists.immutable(decisions);
        projections = projections == null ? ProjectionsConfig.none() : projections;
    }

    /** Routing without projections. */
    public RoutingConfig(String strategy, List<ModelCard> modelCards, SignalsConfig signals,
            List<DecisionDefinition> decisions) {
        this(strategy, modelCards, signals, decisions, null);
    }
}
