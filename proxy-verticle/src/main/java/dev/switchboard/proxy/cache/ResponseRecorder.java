package dev.switchboard.proxy.cache;

import dev.switchboard.proxy.openai.ResponseMeter;
import io.vertx.core.buffer.Buffer;
import java.util.Optional;

/**
 * Copies an answer as it is relayed, so that the cache can keep it once it has ended: bounded, so that a huge
 * answer is relayed whole and simply not kept.
 */
public final class ResponseRecorder {

    /** The largest answer recorded for the cache; a longer one is relayed and not kept. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private final int maxBytes;
    private Buffer recorded = Buffer.buffer();
    private boolean overflowed;

    public ResponseRecorder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public void chunk(Buffer bytes) {
        if (overflowed) {
            return;
        }
        if (recorded.length() + bytes.length() > maxBytes) {
            overflowed = true;
            recorded = null;
            return;
        }
        recorded.appendBuffer(bytes);
    }

    /**
     * The answer to keep: only a 2xx, recorded whole, and complete (JSON that parses, or a stream that ended with
     * {@code [DONE]}); empty otherwise.
     *
     * @param meter the answer's measurements, ended
     */
    public Optional<CachedResponse> keep(int status, String contentType, String model, ResponseMeter meter) {
        if (overflowed || status < 200 || status >= 300) {
            return Optional.empty();
        }
        byte[] body = recorded.getBytes();
        String type = CachedReplay.isStream(contentType) ? CachedReplay.EVENT_STREAM : CachedReplay.JSON;
        return CachedReplay.complete(type, body) ? Optional.of(new CachedResponse(model, type, body,
                meter.latencyMs(), meter.promptTokens(), meter.completionTokens()))
                : Optional.empty();
    }
}
