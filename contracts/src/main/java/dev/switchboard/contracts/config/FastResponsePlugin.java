package dev.switchboard.contracts.config;

/**
 * A decision's {@code fast_response} plugin: the request is answered with this message at once, as a chat completion
 * (or its event stream) from the decision, and no model is called. For blocks (a jailbreak or PII decision) and
 * for overload; a decision with it needs no {@code modelRefs}.
 *
 * @param message the answer's text
 */
public record FastResponsePlugin(String message) {
}
