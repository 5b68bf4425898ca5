package dev.switchboard.proxy.cache;

/**
 * A complete, successful answer as the cache keeps it: what the client got, the model that produced it, and what
 * it cost then (which a hit saves).
 *
 * @param model            the configured name of the model that answered
 * @param contentType      the answer's content type ({@code application/json}, or {@code text/event-stream} for a
 *                         stream recorded as its events)
 * @param body             the answer's bytes; not copied, so the caller must not change them
 * @param latencyMs        how long the model took to give it, request to end of the answer
 * @param promptTokens     the usage the backend reported; null when it did not
 * @param completionTokens the same for completion tokens
 */
public record CachedResponse(String model, String contentType, byte[] body, double latencyMs, Integer promptTokens,
        Integer completionTokens) {

    /** An answer whose cost is not known. */
    public CachedResponse(String model, String contentType, byte[] body) {
        this(model, contentType, body, 0, null, null);
    }

    /** Roughly what the entry costs in memory besides the vector: the body and the strings. */
    long bytes() {
        return body.length + 2L * (model.length() + contentType.length()) + 96;
    }
}
