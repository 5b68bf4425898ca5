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
 *                         served, not how the model does, and is not learned from as the model's failure
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
        boolean backendAnswered) {

    /** A response the backend gave. */
    public OutcomeEvent(String requestId, String model, String decision, int status, double latencyMs, Double ttftMs,
            Double tpotMs, Integer promptTokens, Integer completionTokens) {
        this(requestId, model, decision, status, latencyMs, ttftMs, tpotMs, promptTokens, completionTokens, true);
    }
}
