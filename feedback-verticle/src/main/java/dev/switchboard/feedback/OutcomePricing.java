package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.CacheUse;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.config.DecisionDefinition;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ModelRef;
import dev.switchboard.contracts.config.Pricing;
import dev.switchboard.contracts.config.ProvidersConfig;
import dev.switchboard.feedback.events.OutcomeCost;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Prices an outcome from the backend's real token counts and the config's resolved prices (configured, local or the
 * shipped table's; see {@code ModelPrices}). The baseline is the same tokens on the decision's dearest priced
 * candidate (every configured model when the decision is unknown): the same token counts on another model are an
 * estimate, the honest one available without sending the request twice.
 */
final class OutcomePricing {

    private final ProvidersConfig providers;
    private final List<DecisionDefinition> decisions;

    OutcomePricing(ProvidersConfig providers, List<DecisionDefinition> decisions) {
        this.providers = providers;
        this.decisions = decisions;
    }

    OutcomeCost price(OutcomeEvent outcome) {
        Double cost = cost(pricing(outcome.model()), outcome.promptTokens(), outcome.completionTokens());
        Double costliest = cost == null ? null : candidates(outcome.decision())
                .map(model -> cost(pricing(model), outcome.promptTokens(), outcome.completionTokens()))
                .filter(Objects::nonNull).max(Double::compare).orElse(null);
        CacheUse cache = outcome.cache();
        Double saved = cache == null || !cache.hit() ? null
                : cost(pricing(outcome.model()), cache.savedPromptTokens(), cache.savedCompletionTokens());
        return new OutcomeCost(cost, costliest == null ? null : Math.max(costliest, cost), saved);
    }

    private Stream<String> candidates(String decision) {
        return decisions.stream().filter(d -> d.name().equals(decision)).findFirst()
                .map(d -> d.modelRefs().stream().map(ModelRef::model))
                .orElseGet(() -> providers.models().stream().map(ModelDefinition::name));
    }

    private Optional<Pricing> pricing(String model) {
        return providers.model(model).map(ModelDefinition::pricing);
    }

    private static Double cost(Optional<Pricing> pricing, Integer promptTokens, Integer completionTokens) {
        if (pricing.isEmpty() || promptTokens == null || completionTokens == null) {
            return null;
        }
        return pricing.get().cost(promptTokens, completionTokens);
    }
}
