package dev.switchboard.feedback;

import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProvidersConfig;
import dev.switchboard.contracts.metrics.MetricNames;
import dev.switchboard.feedback.events.OutcomeCost;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the feedback verticle sees, as meters for dashboards: {@code switchboard_cost_total{model}} (the answered
 * requests' cost in the model's pricing currency; a model without a price adds nothing),
 * {@code switchboard_cost_costliest_total{model}} (what the same requests would have cost on their decision's most
 * expensive priced candidate: the saving is the difference),
 * {@code switchboard_tokens_total{model, kind}} ({@code prompt} or {@code completion}, as the backend reported
 * them), {@code switchboard_feedback_total{type}} (feedback taken, by type),
 * {@code switchboard_cache_lookups_total{model, result}} (requests whose decision caches: {@code hit} or {@code miss})
 * {@code switchboard_cache_saved_cost_total{model}} (what the cache's answers cost when the model gave them) and
 * {@code switchboard_learning_rating} / {@code switchboard_learning_reward{scope, model}} (what the learners believe).
 * Tag values are bounded: configured
 * model names ({@code other} for any other name) and the feedback types. Every configured model's series exist from
 * the start at 0, so that a dashboard shows a model before its first request.
 */
final class FeedbackMetrics {

    static final String OTHER_MODEL = "other";

    private final MeterRegistry registry;
    private final AtomicReference<LearnedState> learned = new AtomicReference<>(LearnedState.EMPTY);
    /** The scope/model pairs whose gauges exist: each is registered once, and reads {@link #learned} after. */
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
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
            tokens(model.name(), MetricNames.KIND_PROMPT);
            tokens(model.name(), MetricNames.KIND_COMPLETION);
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
            cacheAnswers(model, outcome.cache().hit() ? MetricNames.RESULT_HIT : MetricNames.RESULT_MISS).increment();
        }
        if (saved != null) {
            savedCost(model).increment(saved);
        }
        if (outcome.promptTokens() != null) {
            tokens(model, MetricNames.KIND_PROMPT).increment(outcome.promptTokens());
        }
        if (outcome.completionTokens() != null) {
            tokens(model, MetricNames.KIND_COMPLETION).increment(outcome.completionTokens());
        }
    }

    /**
     * What the learners believe, as gauges per scope ({@code _global} or a decision) and configured model; users'
     * and sessions' scopes and models not configured are left out, so the series stay bounded by the config.
     */
    void recordLearned(LearnedState state) {
        learned.set(state);
        for (Map.Entry<String, Map<String, LearnedState.ModelStats>> scope : state.byScope().entrySet()) {
            if (LearnedState.isPersonal(scope.getKey())) {
                continue; // up to 20,000 of them: skipped before their models are looked at
            }
            for (String model : scope.getValue().keySet()) {
                if (providers.model(model).isPresent() && gauged.add(scope.getKey() + "/" + model)) {
                    gauges(scope.getKey(), model);
                }
            }
        }
    }

    /** The two gauges of one scope and model, reading whatever state was published last. */
    private void gauges(String scope, String model) {
        Gauge.builder(MetricNames.LEARNING_RATING, learned, s -> s.get().stats(scope, model)
                        .map(LearnedState.ModelStats::rating).orElse(Double.NaN))
                .description("Elo rating as the learners last published it")
                .tag(MetricNames.TAG_SCOPE, scope).tag(MetricNames.TAG_MODEL, model).register(registry);
        Gauge.builder(MetricNames.LEARNING_REWARD, learned, s -> s.get().stats(scope, model)
                        .map(FeedbackMetrics::reward).orElse(Double.NaN))
                .description("Share of successes among the model's observed outcomes and verdicts")
                .tag(MetricNames.TAG_SCOPE, scope).tag(MetricNames.TAG_MODEL, model).register(registry);
    }

    private static double reward(LearnedState.ModelStats stats) {
        double total = stats.successes() + stats.failures();
        return total == 0 ? Double.NaN : stats.successes() / total;
    }

    void recordFeedback(FeedbackSubmission submission) {
        if (FeedbackSubmission.TYPES.contains(submission.type())) {
            feedback(submission.type()).increment();
        }
    }

    private Counter cost(String model) {
        return Counter.builder(MetricNames.COST).description("Cost of answered requests in the pricing currency")
                .tag(MetricNames.TAG_MODEL, model).register(registry);
    }

    private Counter costliest(String model) {
        return Counter.builder(MetricNames.COST_COSTLIEST).description("What the answered requests would have cost on "
                + "their decision's most expensive priced candidate, same tokens").tag(MetricNames.TAG_MODEL, model)
                .register(registry);
    }

    private Counter cacheAnswers(String model, String result) {
        return Counter.builder(MetricNames.CACHE_LOOKUPS)
                .description("Requests whose decision caches, by whether the cache answered").tag(MetricNames.TAG_MODEL, model)
                .tag(MetricNames.TAG_RESULT, result).register(registry);
    }

    private Counter savedCost(String model) {
        return Counter.builder(MetricNames.CACHE_SAVED_COST)
                .description("What the answers given from the cache cost when the model gave them, not spent again")
                .tag(MetricNames.TAG_MODEL, model).register(registry);
    }

    private Counter tokens(String model, String kind) {
        return Counter.builder(MetricNames.TOKENS).description("Tokens the backends reported")
                .tag(MetricNames.TAG_MODEL, model).tag(MetricNames.TAG_KIND, kind).register(registry);
    }

    private Counter feedback(String type) {
        return Counter.builder("switchboard.feedback").description("Feedback taken, by type").tag("type", type)
                .register(registry);
    }
}
