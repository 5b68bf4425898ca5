package dev.switchboard.contracts.bus;

import java.util.List;

/**
 * Reply to a {@link RouteRequest}: the model that serves the request and the reasons.
 *
 * @param requestId        echoed from the request
 * @param requestedModel   the {@code model} the client asked for
 * @param selectedModel    logical name of the chosen model (the {@code x-selected-model} header)
 * @param providerModelId  the name the backend knows it by (the body's rewritten {@code model})
 * @param backend          name of the chosen {@code backend_refs} entry (by weight, when there are several)
 * @param decision         the matched decision; null when none matched or no routing happened
 * @param algorithm        the algorithm that selected; null when none ran
 * @param confidence       in [0, 1]: how clearly the selected model won
 * @param candidates       every candidate's score, best first; empty when no algorithm ran
 * @param reason           why this model
 * @param routingMicros    time spent routing, embedding included
 * @param configRevision   the config version the decision was made on
 * @param escalation       a cascade the HTTP proxy may run with the selected model first; null for one call
 * @param promptEmbedding  the prompt's embedding, when routing computed one and the matched decision caches answers
 *                         by meaning; null otherwise
 */
public record RouteDecision(
        String requestId,
        String requestedModel,
        String selectedModel,
        String providerModelId,
        String backend,
        String decision,
        String algorithm,
        double confidence,
        List<CandidateScore> candidates,
        ReasonCode reason,
        long routingMicros,
        String configRevision,
        Escalation escalation,
        PromptEmbedding promptEmbedding) {

    public RouteDecision {
        candidates = List.copyOf(candidates);
    }

    /** A decision without the prompt's embedding. */
    public RouteDecision(String requestId, String requestedModel, String selectedModel, String providerModelId,
            String backend, String decision, String algorithm, double confidence, List<CandidateScore> candidates,
            ReasonCode reason, long routingMicros, String configRevision, Escalation escalation) {
        this(requestId, requestedModel, selectedModel, providerModelId, backend, decision, algorithm, confidence,
                candidates, reason, routingMicros, configRevision, escalation, null);
    }

    /** This decision, carrying the prompt's embedding to the proxy's response cache. */
    public RouteDecision withPromptEmbedding(PromptEmbedding embedding) {
        return new RouteDecision(requestId, requestedModel, selectedModel, providerModelId, backend, decision,
                algorithm, confidence, candidates, reason, routingMicros, configRevision, escalation, embedding);
    }

    /** A decision served by one call. */
    public RouteDecision(String requestId, String requestedModel, String selectedModel, String providerModelId,
            String backend, String decision, String algorithm, double confidence, List<CandidateScore> candidates,
            ReasonCode reason, long routingMicros, String configRevision) {
        this(requestId, requestedModel, selectedModel, providerModelId, backend, decision, algorithm, confidence,
                candidates, reason, routingMicros, configRevision, null);
    }
}
