package dev.switchboard.contracts.bus;

/**
 * Reply of {@link Addresses#FEEDBACK_SUBMIT}: the feedback was accepted and queued for the event log.
 *
 * @param eventId   the feedback event's id in {@code switchboard.feedback}
 * @param requestId the request it is about
 * @param model     the model that served the request
 * @param decision  the decision that chose it; nullable
 */
public record FeedbackReceipt(String eventId, String requestId, String model, String decision) {
}
