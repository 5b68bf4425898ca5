package dev.switchboard.proxy.cache;

import dev.switchboard.contracts.bus.CacheLookupResult;
import dev.switchboard.contracts.bus.CacheUse;

/**
 * What the cache made of one routed request, for either ingress: not cached ({@link #NOT_CACHED}: its decision does
 * not cache, or the request cannot be), answered ({@link #hit} set), or missed (the model answers, and its answer is
 * kept when {@link #storing} says so).
 *
 * @param query      how the request is cached; null when it is not
 * @param hit        the answer found; null on a miss
 * @param startNanos when the lookup began ({@link System#nanoTime}), for the time a hit took to answer
 * @param decisionCaches whether the request's decision has a response cache (its decision event waits for
 *                   {@link #result})
 */
public record CacheLookup(CacheQuery query, CacheHit hit, long startNanos, boolean decisionCaches) {

    /** The request's decision does not cache. */
    public static final CacheLookup NOT_CACHED = new CacheLookup(null, null, 0, false);
    /** The request's decision caches, but this request cannot be (no user id for a user scope, tools, sampling). */
    public static final CacheLookup UNCACHEABLE = new CacheLookup(null, null, 0, true);

    public CacheLookup(CacheQuery query, CacheHit hit, long startNanos) {
        this(query, hit, startNanos, true);
    }

    /**
     * What the lookup came to, for the decision event of a request whose decision caches: a hit with its
     * similarity, a miss, or nothing looked up.
     */
    public CacheLookupResult result(String requestId) {
        return new CacheLookupResult(requestId, hit == null ? miss()
                : new CacheUse(true, hit.similarity(), hit.exact(), null, null, null));
    }

    /** Whether the request's decision caches it: the client is told {@code hit} or {@code miss}. */
    public boolean cached() {
        return query != null;
    }

    /**
     * The cache's part in the outcome of the model's answer: a miss, or null when the cache was not looked up (not
     * cached, or the client said {@code no-cache} or {@code bypass}).
     */
    public CacheUse miss() {
        return query == null || !query.directives().lookup() ? null : CacheUse.MISS;
    }

    /** Where the model's answer is to be kept; null when it is not to be. */
    public CacheQuery storing() {
        return query != null && query.directives().store() ? query : null;
    }
}
