package dev.switchboard.proxy.cache;

import dev.switchboard.contracts.bus.CacheUse;

/**
 * A cached answer found for a request.
 *
 * @param response   the answer
 * @param similarity 1 for an exact hit; else the cosine of the two prompts' embeddings
 * @param exact      whether the whole request matched, not only its prompt's meaning
 * @param storedAtMillis when the answer was stored, for a client's {@code max-age}
 */
public record CacheHit(CachedResponse response, double similarity, boolean exact, long storedAtMillis) {

    /** What this hit saved, for its outcome event, when it took {@code servedInMs} to answer. */
    public CacheUse use(double servedInMs) {
        return new CacheUse(true, similarity, exact, Math.max(0, response.latencyMs() - servedInMs),
                response.promptTokens(), response.completionTokens());
    }
}
