package dev.switchboard.contracts.bus;

import java.util.Map;

/**
 * Body of {@link Addresses#FEEDBACK_DECISION}: a routing decision with what learning needs to join feedback to it.
 * It stays inside the process; the feedback verticle writes the prompt text to Kafka only if the operator opted in,
 * and a SHA-256 of it otherwise.
 *
 * @param decision        the decision as the proxy received it
 * @param userMessage     the classified text (the latest user message)
 * @param embeddingModel  id of the model that embedded it; null when the prompt was not embedded
 * @param promptVector    the prompt's unit embedding; null when not embedded
 * @param sessionId       {@code x-session-id} / {@code x-conversation-id}; nullable
 * @param userId          the caller's user id; nullable
 * @param timestampMillis when the decision was made (epoch milliseconds)
 * @param prior           the model cards' prior over the models for this prompt (learners that start from the
 *                        cards learn how far to trust it); empty without model cards or a prompt vector
 * @param signals         the signal rules that matched, {@code type:name} to confidence (for replay records);
 *                        empty when the request named a model or no rule matched
 */
public record DecisionRecord(
        RouteDecision decision,
        String userMessage,
        String embeddingModel,
        float[] promptVector,
        String sessionId,
        String userId,
        long timestampMillis,
        Map<String, Double> prior,
        Map<String, Double> signals) {

    public DecisionRecord {
        prior = prior == null ? Map.of() : Map.copyOf(prior);
        signals = signals == null ? Map.of() : Map.copyOf(signals);
    }

    /** A record without the matched signals. */
    public DecisionRecord(RouteDecision decision, String userMessage, String embeddingModel, float[] promptVector,
            String sessionId, String userId, long timestampMillis, Map<String, Double> prior) {
        this(decision, userMessage, embeddingModel, promptVector, sessionId, userId, timestampMillis, prior, null);
    }
}
