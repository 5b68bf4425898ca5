package dev.switchboard.proxy.cache;

/**
 * A cached answer found for a request.
 *
 * @param response   the answer
 * @param similarity 1 for an exact hit; else the cosine of the two prompts' embeddings
 * @param exact      whether the whole request matched, not only its prompt's meaning
 * @param storedAtMillis when the answer was stored, for a client's {@code max-age}
 */
public record CacheHit(CachedResponse response, double similarity, boolean exact, long storedAtMillis) {
}
