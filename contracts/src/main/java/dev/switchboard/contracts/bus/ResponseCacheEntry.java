package dev.switchboard.contracts.bus;

/**
 * Body of {@link Addresses#CACHE_ENTRY_STORED} and {@link Addresses#CACHE_ENTRY_REPLICATED}: one answer of the
 * response cache as the instances that share it ({@code backend_type: kafka}) hand it to each other. Its partition
 * and guard are what the proxy's cache keys it by; the prompt itself is in neither (fingerprints and an embedding
 * only), but the answer is: the topic that carries these holds answers, and is to be guarded as the cache is.
 *
 * @param partition        everything that must match besides the prompt's meaning (scope, decision, model, context)
 * @param exactKey         the whole request's fingerprint
 * @param vector           the prompt's unit embedding; null when the request was cached for exact hits only
 * @param guard            what a semantic hit must share with the query besides meaning
 * @param model            the configured name of the model that answered
 * @param contentType      {@code application/json}, or {@code text/event-stream} for a stream recorded as events
 * @param body             the answer's bytes; not copied, so no one may change them
 * @param latencyMs        how long the model took to give it
 * @param promptTokens     the usage the backend reported; nullable
 * @param completionTokens the same for completion tokens; nullable
 * @param storedAtMillis   when it was stored (epoch milliseconds)
 * @param ttlMillis        how long after that it may be served
 */
public record ResponseCacheEntry(
        String partition,
        String exactKey,
        float[] vector,
        String guard,
        String model,
        String contentType,
        byte[] body,
        double latencyMs,
        Integer promptTokens,
        Integer completionTokens,
        long storedAtMillis,
        long ttlMillis) {

    public boolean expired(long nowMillis) {
        return nowMillis >= storedAtMillis + ttlMillis;
    }
}
