package dev.switchboard.contracts.bus;

/**
 * Body of {@link Addresses#FEEDBACK_OUTCOME}: how a routed request's response went. Never carries prompt or
 * response text.
 *
 * @param requestId        the request's id
 * @param model            logical name of the model that answered
 * @param decision         the decision that chose it; nullable
 * @param status           HTTP status of the response
 * @param latencyMs        time from request to the end of the response
 * @param ttftMs           time to first token; nullable when unknown
 * @param tpotMs           mean time per output token after the first; nullable when unknown
 * @param promptTokens     usage reported by the backend; nullable
 * @param completionTokens usage reported by the backend; nullable
 * @param backendAnswered  whether the status is the backend's: false when Switchboard answered for it (502: it
 *                         could not be reached; 504: it sent nothing in time), which says where the model is
 *                         served, not how the model does, and is not learned from as the model's failure;
 *                         false on a cache hit too (the model was not called, so there is nothing to learn about it)
 * @param cache            how the response cache took part; null when the request's decision does not cache
 */
public record OutcomeEvent(
        String requestId,
        String model,
        String decision,
        int status,
        double latencyMs,
        Double ttftMs,
        Double tpotMs,
        Integer promptTokens,
        Integer completionTokens,
        boolean backendAnswered,
        CacheUse cache) {

    /** A response the backend gave, or Switchboard's status for it, without the cache. */
    public OutcomeEvent(String requestId, String model, String decision, int status, double latencyMs, Double ttftMs,
            Double tpotMs, Integer promptTokens, Integer completionTokens, boolean backendAnswered) {
        this(requestId, model, decision, status, latencyMs, ttftMs, tpotMs, promptTokens, completionTokens,
                backendAnswered, null);
    }

    /**
     * An answer the cache gave in {@code latencyMs}: nothing spent on the model, which did not answer, so neither
     * tokens nor the model's timings.
     */
    public static OutcomeEvent cacheHit(String requestId, String model, String decision, double latencyMs,
            CacheUse hit) {
        return new OutcomeEvent(requestId, model, decision, 200, latencyMs, null, null, null, null, false, hit);
    }

    /** A response the backend gave. */
    public OutcomeEvent(String requestId, String model, String decision, int status, double latencyMs, Double ttftMs,
            Double tpotMs, Integer promptTokens, Integer completionTokens) {
        this(requestId, model, decision, status, latencyMs, ttftMs, tpotMs, promptTokens, completionTokens, true);
    }
}
