package dev.switchboard.contracts.bus;

/**
 * Event-bus addresses, each with who publishes, who consumes and what is replied. Never write an address as a string
 * literal at a call site.
 */
public final class Addresses {

    /**
     * Published (no reply) by the app's config watcher with a {@link ConfigChanged} after a changed config file has
     * been parsed and validated. Every verticle consumes it and swaps in its own slice of the config atomically;
     * requests already in flight finish on the version they started with.
     */
    public static final String CONFIG_CHANGED = "config.changed";

    /**
     * Consumed by the app's config watcher when hot reload is on (none is registered otherwise): any body in, the
     * file is read now instead of at the next poll, and a {@link ConfigReload} says what came of it.
     */
    public static final String CONFIG_RELOAD = "config.reload";

    /**
     * Consumed by the embedder's worker instances (round robin): an {@link EmbedRequest} in, an {@link EmbedReply}
     * out with one L2-normalised vector per text, in order. Fails with {@link FailureCode#INVALID_ARGUMENT} for an
     * empty batch and {@link FailureCode#INTERNAL} when inference fails. Send with a timeout.
     */
    public static final String EMBEDDER_EMBED = "embedder.embed";

    /**
     * Consumed by the router: a {@link RouteRequest} in, a {@link RouteDecision} out, naming the model that serves
     * the request and why. Fails with {@link FailureCode#INVALID_ARGUMENT} when the requested model is neither an
     * auto name, a decision nor a configured model (the proxy answers 400); the router's own failures never fail
     * the message, they fall back to the default model with a reason code.
     */
    public static final String ROUTER_ROUTE = "router.route";

    /**
     * Published (no reply) by the proxy when a response has finished, with an {@link OutcomeEvent}. Consumed by the
     * feedback verticle (to Kafka) and by the router (latency windows for {@code latency_aware} and
     * {@code multi_factor}).
     */
    public static final String FEEDBACK_OUTCOME = "feedback.outcome";

    /**
     * Published (no reply) by the router with a {@link DecisionRecord} for every decision that will be forwarded
     * (not for dry runs), and by the proxy for a request it served without one ({@code router_unavailable}).
     * Consumed by the feedback verticle, which writes it to Kafka and indexes it so that feedback on the request can
     * be checked and joined.
     */
    public static final String FEEDBACK_DECISION = "feedback.decision";

    /**
     * Consumed by the feedback verticle: a {@link FeedbackSubmission} in (already checked for shape by the proxy),
     * the stored feedback's {@link FeedbackReceipt} out. Fails with {@link FailureCode#NOT_FOUND} when the request id
     * is not among the decisions it knows and {@link FailureCode#INVALID_ARGUMENT} when the feedback does not fit
     * the decision (a pairwise winner that was not a candidate).
     */
    public static final String FEEDBACK_SUBMIT = "feedback.submit";

    /**
     * Published (no reply) by the feedback verticle with a {@link LearnedState} whenever learning changed it; every
     * router instance swaps it in for the selections that follow.
     */
    public static final String ROUTER_LEARNING = "router.learning";

    /**
     * Request (no body) answered by the feedback verticle with the {@link LearnedState} it published last: for a
     * component deployed after that publication (the proxy's ratings API), which would otherwise show nothing until
     * learning next changes the state.
     */
    public static final String LEARNED_STATE_CURRENT = "feedback.learned.current";

    /**
     * Published (no reply) by the proxy with a {@link CacheLookupResult} for every forwarded request whose decision
     * has a response cache, once it has been looked up. The feedback verticle holds the request's decision event
     * (for at most a couple of seconds) until it comes, and writes it with the result.
     */
    public static final String FEEDBACK_CACHE_LOOKUP = "feedback.cache.lookup";

    /**
     * Published (no reply) by the proxy with a {@link ResponseCacheEntry} for every answer its response cache kept,
     * when the cache is shared ({@code global.stores.response_cache.backend_type: kafka}). Consumed by the feedback
     * verticle, which writes it to the response-cache topic for the other instances.
     */
    public static final String CACHE_ENTRY_STORED = "feedback.cache.stored";

    /**
     * Published (no reply) by the feedback verticle with a {@link ResponseCacheEntry} that another instance (or this
     * one before a restart) kept and that is still live, read from the response-cache topic. Consumed by the proxy,
     * which puts it into its cache.
     */
    public static final String CACHE_ENTRY_REPLICATED = "proxy.cache.replicated";

    /**
     * Request (no body, empty reply) sent by the proxy once it listens on {@link #CACHE_ENTRY_REPLICATED}: the
     * feedback verticle then reads the response-cache topic from its beginning and publishes every live entry, so
     * that none is published before anyone listens. Fails when the cache is not shared.
     */
    public static final String CACHE_REPLICATION_FOLLOW = "feedback.cache.follow";

    private Addresses() {
    }
}
