package dev.switchboard.proxy.cache;

/**
 * A complete, successful answer as the cache keeps it: what the client got, and the model that produced it.
 *
 * @param model       the configured name of the model that answered
 * @param contentType the answer's content type ({@code application/json}, or {@code text/event-stream} for a
 *                    stream recorded as its events)
 * @param body        the answer's bytes; not copied, so the caller must not change them
 */
public record CachedResponse(String model, String contentType, byte[] body) {

    /** Roughly what the entry costs in memory besides the vector: the body and the strings. */
    long bytes() {
        return body.length + 2L * (model.length() + contentType.length()) + 64;
    }
}
