package dev.switchboard.proxy.dashboard;

import static dev.switchboard.contracts.metrics.MetricNames.*;

import dev.switchboard.contracts.bus.LearnedState;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.Pricing;
import dev.switchboard.contracts.config.ProvidersConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What the dashboard shows, read from the process's own meters (the same ones Prometheus scrapes, so the page and
 * Grafana agree), the config's models and prices, the learners' published state and the last decisions. Counts are
 * totals since start: the page turns two snapshots into rates.
 */
final class DashboardSnapshot {

    private DashboardSnapshot() {
    }

    static JsonObject of(MeterRegistry registry, ProvidersConfig providers, LearnedState learned,
            RecentDecisions recent, long nowMillis) {
        return new JsonObject().put("time_ms", nowMillis)
                .put("models", models(registry, providers))
                .put("routes", routes(registry))
                .put("latency", latency(registry))
                .put("fallbacks", fallbacks(registry))
                .put("spend", spend(registry))
                .put("cache", cache(registry))
                .put("learned", learned(learned))
                .put("recent", recent.json());
    }

    private static JsonArray models(MeterRegistry registry, ProvidersConfig providers) {
        JsonArray models = new JsonArray();
        for (ModelDefinition model : providers.models()) {
            Pricing p = model.pricing();
            models.add(new JsonObject().put("name", model.name()).put("provider_model_id", model.providerModelId())
                    .put("requests", sum(registry, ROUTING_DECISIONS, TAG_MODEL, model.name()))
                    .put("cost", sum(registry, COST, TAG_MODEL, model.name()))
                    .put("prompt_tokens", sum(registry, TOKENS, TAG_MODEL, model.name(), TAG_KIND, KIND_PROMPT))
                    .put("completion_tokens", sum(registry, TOKENS, TAG_MODEL, model.name(), TAG_KIND, KIND_COMPLETION))
                    .put("price", p == null ? null : new JsonObject().put("prompt_per_1m", p.promptPer1m())
                            .put("completion_per_1m", p.completionPer1m()).put("currency", p.currency())
                            .put("origin", p.origin().name().toLowerCase()).put("source", p.source())));
        }
        return models;
    }

    /** Requests per decision and model (summed over reasons): one row per pair seen. */
    private static JsonArray routes(MeterRegistry registry) {
        Map<String, Map<String, Double>> counts = new TreeMap<>();
        for (Counter counter : registry.find(ROUTING_DECISIONS).counters()) {
            counts.computeIfAbsent(counter.getId().getTag(TAG_DECISION), decision -> new TreeMap<>())
                    .merge(counter.getId().getTag(TAG_MODEL), counter.count(), Double::sum);
        }
        JsonArray routes = new JsonArray();
        counts.forEach((decision, byModel) -> byModel.forEach((model, count) -> routes.add(new JsonObject()
                .put("decision", decision).put("model", model).put("requests", count))));
        return routes;
    }

    private static JsonObject latency(MeterRegistry registry) {
        Timer timer = registry.find(ROUTING_LATENCY).timer();
        JsonArray bars = new JsonArray();
        if (timer == null) {
            return new JsonObject().put("count", 0).put("bars", bars);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double below = 0;
        for (double bound : ROUTING_LATENCY_BOUNDS_MS) {
            double cumulative = cumulativeAt(snapshot, bound);
            bars.add(new JsonObject().put("le_ms", bound).put("count", cumulative - below));
            below = cumulative;
        }
        bars.add(new JsonObject().putNull("le_ms").put("count", snapshot.count() - below));
        return new JsonObject().put("count", snapshot.count())
                .put("mean_ms", snapshot.count() == 0 ? null : snapshot.mean(TimeUnit.MILLISECONDS))
                .put("max_ms", snapshot.max(TimeUnit.MILLISECONDS)).put("bars", bars);
    }

    /** Requests at or under {@code boundMs}: the histogram's bucket at that bound (it has one there). */
    private static double cumulativeAt(HistogramSnapshot snapshot, double boundMs) {
        double best = 0;
        for (CountAtBucket bucket : snapshot.histogramCounts()) {
            if (bucket.bucket(TimeUnit.MILLISECONDS) <= boundMs + 1e-9) {
                best = Math.max(best, bucket.count());
            }
        }
        return best;
    }

    private static JsonObject spend(MeterRegistry registry) {
        double cost = sum(registry, COST);
        double costliest = sum(registry, COST_COSTLIEST);
        return new JsonObject().put("cost", cost).put("costliest", costliest).put("saved", costliest - cost)
                .put("saved_share", costliest == 0 ? null : (costliest - cost) / costliest);
    }

    private static JsonObject cache(MeterRegistry registry) {
        double hits = sum(registry, CACHE_LOOKUPS, TAG_RESULT, RESULT_HIT);
        double lookups = hits + sum(registry, CACHE_LOOKUPS, TAG_RESULT, RESULT_MISS);
        return new JsonObject().put("lookups", lookups).put("hits", hits)
                .put("hit_rate", lookups == 0 ? null : hits / lookups)
                .put("saved_cost", sum(registry, CACHE_SAVED_COST));
    }

    private static JsonArray learned(LearnedState state) {
        JsonArray scopes = new JsonArray();
        state.byScope().entrySet().stream().filter(scope -> !LearnedState.isPersonal(scope.getKey()))
                .sorted(Map.Entry.comparingByKey()).forEach(scope -> {
            JsonArray models = new JsonArray();
            scope.getValue().entrySet().stream()
                    .sorted(Comparator.comparingDouble(e -> -e.getValue().rating()))
                    .forEach(e -> {
                        LearnedState.ModelStats s = e.getValue();
                        double total = s.successes() + s.failures();
                        models.add(new JsonObject().put("model", e.getKey()).put("rating", s.rating())
                                .put("reward", total == 0 ? null : s.successes() / total)
                                .put("observations", total).put("comparisons", s.comparisons()));
                    });
            scopes.add(new JsonObject().put("scope", scope.getKey()).put("models", models));
        });
        return scopes;
    }

    private static JsonObject fallbacks(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : registry.find(ROUTING_FALLBACKS).counters()) {
            counts.merge(counter.getId().getTag(TAG_REASON), counter.count(), Double::sum);
        }
        JsonObject out = new JsonObject();
        counts.forEach(out::put);
        return out;
    }

    /** The sum of the counters named {@code name} that have every given tag (key, value, key, value...). */
    private static double sum(MeterRegistry registry, String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }
}
