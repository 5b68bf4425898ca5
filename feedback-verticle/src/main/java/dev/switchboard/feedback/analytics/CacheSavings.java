package dev.switchboard.feedback.analytics;

import dev.switchboard.feedback.events.EventFields;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the response cache did, from the outcome events' {@code cache} objects: how many requests of caching
 * decisions it was looked up for, how many it answered, and what those answers saved: tokens, cost (the stored
 * answers' tokens at the models' prices) and time (each stored answer's latency less the hit's).
 */
final class CacheSavings {

    /** The figures; {@code hitRate} and the latency percentile null before the first lookup or hit. */
    record Summary(long lookups, long hits, Double hitRate, long savedPromptTokens, long savedCompletionTokens,
            double savedCostUsd, double savedLatencyMs, Double savedLatencyP50Ms) {
    }

    private long lookups;
    private long hits;
    private long savedPromptTokens;
    private long savedCompletionTokens;
    private double savedCost;
    private final List<Double> savedLatencies = new ArrayList<>();

    /** Takes the {@code cache} object of an outcome event. */
    void add(JsonObject cache) {
        lookups++;
        if (!cache.getBoolean(EventFields.CACHE_HIT, false)) {
            return;
        }
        hits++;
        savedPromptTokens += whole(cache.getValue(EventFields.SAVED_PROMPT_TOKENS));
        savedCompletionTokens += whole(cache.getValue(EventFields.SAVED_COMPLETION_TOKENS));
        if (cache.getValue(EventFields.SAVED_COST_USD) instanceof Number cost) {
            savedCost += cost.doubleValue();
        }
        if (cache.getValue(EventFields.SAVED_LATENCY_MS) instanceof Number latency) {
            savedLatencies.add(latency.doubleValue());
        }
    }

    private static long whole(Object value) {
        return value instanceof Number number ? number.longValue() : 0;
    }

    Summary summary() {
        return new Summary(lookups, hits, lookups == 0 ? null : (double) hits / lookups, savedPromptTokens,
                savedCompletionTokens, savedCost, savedLatencies.stream().mapToDouble(Double::doubleValue).sum(),
                TrafficReport.percentile(savedLatencies, 50));
    }

    /** One line for the report, or nothing when no decision caches. */
    String line() {
        Summary s = summary();
        if (s.lookups() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "response cache: %d lookups, %d hits (%.1f%%); saved %d prompt + %d "
                + "completion tokens, cost %.6f, latency %.1f s in all (p50 %s ms a hit)%n", s.lookups(), s.hits(),
                s.hitRate() * 100, s.savedPromptTokens(), s.savedCompletionTokens(), s.savedCostUsd(),
                s.savedLatencyMs() / 1000, s.savedLatencyP50Ms() == null ? "-"
                        : String.format(Locale.ROOT, "%.1f", s.savedLatencyP50Ms()));
    }

    JsonObject json() {
        Summary s = summary();
        return new JsonObject().put("lookups", s.lookups()).put("hits", s.hits()).put("hit_rate", s.hitRate())
                .put("saved_prompt_tokens", s.savedPromptTokens())
                .put("saved_completion_tokens", s.savedCompletionTokens()).put("saved_cost_usd", s.savedCostUsd())
                .put("saved_latency_ms", s.savedLatencyMs()).put("saved_latency_p50_ms", s.savedLatencyP50Ms());
    }
}
