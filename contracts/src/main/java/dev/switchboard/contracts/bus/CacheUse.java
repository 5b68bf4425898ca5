package dev.switchboard.contracts.bus;

/**
 * How the response cache took part in a request, on its {@link OutcomeEvent}: it was looked up and missed (the
 * answer is the model's, and is kept for the next request like it), or it answered (the model was not called).
 *
 * @param hit                   whether the answer came from the cache
 * @param similarity            on a hit, 1 for an exact match, else the cosine of the two prompts' embeddings; null on
 *                              a miss
 * @param exact                 on a hit, whether the whole request matched, not only its prompt's meaning
 * @param savedLatencyMs        on a hit, how much sooner the client had its answer than when the model gave it (the
 *                              stored answer's latency less the hit's, at least 0); null on a miss
 * @param savedPromptTokens     on a hit, the prompt tokens the stored answer cost, not spent again; null when the
 *                              backend did not report them, and on a miss
 * @param savedCompletionTokens the same for completion tokens
 */
public record CacheUse(boolean hit, Double similarity, boolean exact, Double savedLatencyMs, Integer savedPromptTokens,
        Integer savedCompletionTokens) {

    /** Looked up, not found: the model answered. */
    public static final CacheUse MISS = new CacheUse(false, null, false, null, null, null);
}
