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
        Integer completionTokens) {
}
