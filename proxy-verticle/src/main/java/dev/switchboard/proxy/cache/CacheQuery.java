package dev.switchboard.proxy.cache;

/**
 * One request as the response cache sees it: where its answer may be found and kept, and how.
 *
 * @param decision   the decision whose cache this is, for logs and events
 * @param partition  everything that must match besides the prompt's meaning: scope, decision, routed model,
 *                   context (system prompt, earlier turns, parameters) and embedding model
 * @param exactKey   the whole request's fingerprint
 * @param vector     the prompt's embedding; null when the cache matches exactly only
 * @param guard      the prompt's {@link PromptGuard}
 * @param mode       exact, semantic, or both
 * @param threshold  the least cosine for a semantic hit
 * @param ttlMillis  how long its answer is kept
 * @param directives what the client asked of the cache
 */
public record CacheQuery(
        String decision,
        String partition,
        String exactKey,
        float[] vector,
        String guard,
        CacheMode mode,
        double threshold,
        long ttlMillis,
        CacheDirectives directives) {
}
