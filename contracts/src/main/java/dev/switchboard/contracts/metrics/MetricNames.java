package dev.switchboard.contracts.metrics;

/**
 * The Micrometer names of the meters that more than one module reads: registered by the router and the feedback
 * verticle, read by the proxy's dashboard, scraped by Prometheus (dots become underscores, counters gain
 * {@code _total}, timers {@code _seconds}). Every metric and its labels: docs/metrics.md.
 */
public final class MetricNames {

    /** Counter {model, decision, reason}: routing decisions. */
    public static final String ROUTING_DECISIONS = "switchboard.routing.decisions";
    /** Timer with a histogram: routing time, embedding included. */
    public static final String ROUTING_LATENCY = "switchboard.routing.latency";
    /**
     * Bounds (ms) at which {@link #ROUTING_LATENCY}'s histogram has buckets exactly, besides Micrometer's own: the
     * dashboard's latency distribution reads them, and a decision takes from well under a millisecond (keywords) to
     * tens (a busy embedder).
     */
    public static final double[] ROUTING_LATENCY_BOUNDS_MS = {0.25, 0.5, 1, 2, 5, 10, 20, 50, 100, 250};
    /** Counter {reason}: requests served by the default model because routing could not decide. */
    public static final String ROUTING_FALLBACKS = "switchboard.routing.fallbacks";
    /** Counter {model}: what answered requests cost at the model's prices. */
    public static final String COST = "switchboard.cost";
    /** Counter {model}: the same requests' tokens at their decision's most expensive priced candidate. */
    public static final String COST_COSTLIEST = "switchboard.cost.costliest";
    /** Counter {model, kind}: tokens the backends reported, {@code prompt} or {@code completion}. */
    public static final String TOKENS = "switchboard.tokens";
    /** Counter {model, result}: requests of caching decisions, {@code hit} or {@code miss}. */
    public static final String CACHE_LOOKUPS = "switchboard.cache.lookups";
    /** Counter {model}: what the cache's answers cost when the model gave them. */
    public static final String CACHE_SAVED_COST = "switchboard.cache.saved.cost";

    /** Gauge {scope, model}: the model's Elo rating as the learners last published it. */
    public static final String LEARNING_RATING = "switchboard.learning.rating";
    /** Gauge {scope, model}: the model's share of successes among its observed outcomes and verdicts. */
    public static final String LEARNING_REWARD = "switchboard.learning.reward";

    public static final String TAG_MODEL = "model";
    public static final String TAG_SCOPE = "scope";
    public static final String TAG_DECISION = "decision";
    public static final String TAG_REASON = "reason";
    public static final String TAG_KIND = "kind";
    public static final String TAG_RESULT = "result";

    public static final String KIND_PROMPT = "prompt";
    public static final String KIND_COMPLETION = "completion";
    public static final String RESULT_HIT = "hit";
    public static final String RESULT_MISS = "miss";

    private MetricNames() {
    }
}
