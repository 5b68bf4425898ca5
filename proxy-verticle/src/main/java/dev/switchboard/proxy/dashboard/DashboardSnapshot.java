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

    /** Upper bounds (ms) of the latency distribution's bars: the router's histogram has buckets at exactly these. */
    static final double[] LATENCY_BARS_MS = {0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 250};

    private DashboardSnapshot() {
    }

    static JsonObject of(MeterRegistry registry, ProvidersConfig providers, LearnedState learned,
            RecentDecisions recent, long nowMillis) {
        return new JsonObject().put("time_ms", nowMillis)
                .put("models", models(registry, providers))
                .put("routes", routes(registry))
                .put("latency", latency(registry))
                .put("fallbacks", byTag(registry, ROUTING_FALLBACKS, TAG_REASON))
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
                    .put("prompt_tokens", tokens(registry, model.name(), KIND_PROMPT))
                    .put("completion_tokens", tokens(registry, model.name(), KIND_COMPLETION))
                    .put("price", p == null ? null : new JsonObject().put("prompt_per_1m", p.promptPer1m())
                            .put("completion_per_1m", p.completionPer1m()).put("currency", p.currency())
                            .put("origin", p.origin().name().toLowerCase()).put("source", p.source())));
        }
        return models;
    }

    /** Requests per decision and model: one row per pair seen. */
    private static JsonArray routes(MeterRegistry registry) {
        Map<String, double[]> counts = new TreeMap<>();
        for (Counter counter : registry.find(ROUTING_DECISIONS).counters()) {
            counts.computeIfAbsent(counter.getId().getTag(TAG_DECISION) + "\u0000" + counter.getId().getTag(TAG_MODEL),
                    k -> new double[1])[0] += counter.count();
        }
        JsonArray routes = new JsonArray();
        counts.forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            routes.add(new JsonObject().put("decision", parts[0]).put("model", parts[1]).put("requests", count[0]));
        });
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
        for (double bound : LATENCY_BARS_MS) {
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
        double cost = sum(registry, COST, null, null);
        double costliest = sum(registry, COST_COSTLIEST, null, null);
        return new JsonObject().put("cost", cost).put("costliest", costliest).put("saved", costliest - cost)
                .put("saved_share", costliest == 0 ? null : (costliest - cost) / costliest);
    }

    private static JsonObject cache(MeterRegistry registry) {
        double hits = sum(registry, CACHE_LOOKUPS, TAG_RESULT, RESULT_HIT);
        double lookups = hits + sum(registry, CACHE_LOOKUPS, TAG_RESULT, RESULT_MISS);
        return new JsonObject().put("lookups", lookups).put("hits", hits)
                .put("hit_rate", lookups == 0 ? null : hits / lookups)
                .put("saved_cost", sum(registry, CACHE_SAVED_COST, null, null));
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

    private static JsonObject byTag(MeterRegistry registry, String name, String tag) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter counter : registry.find(name).counters()) {
            counts.merge(counter.getId().getTag(tag), counter.count(), Double::sum);
        }
        JsonObject out = new JsonObject();
        counts.forEach(out::put);
        return out;
    }

    private static double tokens(MeterRegistry registry, String model, String kind) {
        return registry.find(TOKENS).tag(TAG_MODEL, model).tag(TAG_KIND, kind).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    /** The sum of the counters named {@code name}, those with {@code tag=value} when a tag is given. */
    private static double sum(MeterRegistry registry, String name, String tag, String value) {
        var search = registry.find(name);
        if (tag != null) {
            search = search.tag(tag, value);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }
}
