package dev.switchboard.contracts.bus;

/**
 * Body of {@link Addresses#FEEDBACK_CACHE_LOOKUP}: what the response cache made of a request whose decision caches,
 * published by the proxy as soon as it has looked up, so that the request's decision event can say it.
 *
 * @param requestId the request's id
 * @param cache     a hit (with its similarity) or a miss; null when the cache was not looked up (the request cannot
 *                  be cached, or the client said {@code no-cache} or {@code bypass})
 */
public record CacheLookupResult(String requestId, CacheUse cache) {
}
