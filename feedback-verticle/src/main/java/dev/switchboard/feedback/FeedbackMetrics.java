package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProvidersConfig;
import dev.switchboard.feedback.events.OutcomeCost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the feedback verticle sees, as meters for dashboards: {@code switchboard_cost_total{model}} (the answered
 * requests' cost in the model's pricing currency; a model without a price adds nothing),
 * {@code switchboard_cost_costliest_total{model}} (what the same requests would have cost on their decision's most
 * expensive priced candidate: the saving is the difference),
 * {@code switchboard_tokens_total{model, kind}} ({@code prompt} or {@code completion}, as the backend reported
 * them), {@code switchboard_feedback_total{type}} (feedback taken, by type),
 * {@code switchboard_cache_lookups_total{model, result}} (requests whose decision caches: {@code hit} or {@code miss})
 * and {@code switchboard_cache_saved_cost_total{model}} (what the cache's answers cost when the model gave them).
 * Tag values are bounded: configured
 * model names ({@code other} for any other name) and the feedback types. Every configured model's series exist from
 * the start at 0, so that a dashboard shows a model before its first request.
 */
final class FeedbackMetrics {

    static final String OTHER_MODEL = "other";
    /** The baseline of what routing saved: {@code switchboard_cost_costliest_total - switchboard_cost_total}. */
    static final String COSTLIEST = "switchboard.cost.costliest";

    private final MeterRegistry registry;
    private volatile ProvidersConfig providers;

    FeedbackMetrics(MeterRegistry registry, ProvidersConfig providers) {
        this.registry = registry;
        configure(providers);
        for (String type : FeedbackSubmission.TYPES) {
            feedback(type);
        }
    }

    /** The models of a (reloaded) config: their series start at 0; those of removed models stay as they were. */
    void configure(ProvidersConfig next) {
        providers = next;
        for (ModelDefinition model : next.models()) {
            cost(model.name());
            costliest(model.name());
            savedCost(model.name());
            tokens(model.name(), "prompt");
            tokens(model.name(), "completion");
        }
    }

    void recordOutcome(OutcomeEvent outcome, OutcomeCost price) {
        String model = providers.model(outcome.model()).isPresent() ? outcome.model() : OTHER_MODEL;
        if (price.costUsd() != null) {
            cost(model).increment(price.costUsd());
        }
        if (price.costliestUsd() != null) {
            costliest(model).increment(price.costliestUsd());
        }
        Double saved = price.savedCostUsd();
        if (outcome.cache() != null) {
            cacheAnswers(model, outcome.cache().hit() ? "hit" : "miss").increment();
        }
        if (saved != null) {
            savedCost(model).increment(saved);
        }
        if (outcome.promptTokens() != null) {
            tokens(model, "prompt").increment(outcome.promptTokens());
        }
        if (outcome.completionTokens() != null) {
            tokens(model, "completion").increment(outcome.completionTokens());
        }
    }

    void recordFeedback(FeedbackSubmission submission) {
        if (FeedbackSubmission.TYPES.contains(submission.type())) {
            feedback(submission.type()).increment();
        }
    }

    private Counter cost(String model) {
        return Counter.builder("switchboard.cost").description("Cost of answered requests in the pricing currency")
                .tag("model", model).register(registry);
    }

    private Counter costliest(String model) {
        return Counter.builder(COSTLIEST).description("What the answered requests would have cost on their "
                + "decision's most expensive priced candidate, same tokens").tag("model", model).register(registry);
    }

    private Counter cacheAnswers(String model, String result) {
        return Counter.builder("switchboard.cache.lookups")
                .description("Requests whose decision caches, by whether the cache answered").tag("model", model)
                .tag("result", result).register(registry);
    }

    private Counter savedCost(String model) {
        return Counter.builder("switchboard.cache.saved.cost")
                .description("What the answers given from the cache cost when the model gave them, not spent again")
                .tag("model", model).register(registry);
    }

    private Counter tokens(String model, String kind) {
        return Counter.builder("switchboard.tokens").description("Tokens the backends reported")
                .tag("model", model).tag("kind", kind).register(registry);
    }

    private Counter feedback(String type) {
        return Counter.builder("switchboard.feedback").description("Feedback taken, by type").tag("type", type)
                .register(registry);
    }
}
