package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.RouteDecision;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code x-switchboard-*} response headers that tell a client how its request was routed, the same from both
 * ingresses: the request id (for feedback), the model, and, when an algorithm decided, the decision, algorithm,
 * confidence and reason.
 */
public final class DecisionHeaders {

    public static final String REQUEST_ID = "x-switchboard-request-id";
    public static final String MODEL = "x-switchboard-model";
    public static final String DECISION = "x-switchboard-decision";
    public static final String ALGORITHM = "x-switchboard-algorithm";
    public static final String CONFIDENCE = "x-switchboard-confidence";
    public static final String REASON = "x-switchboard-reason";
    /** How many times the HTTP proxy's self-verification moved the request to a stronger model. */
    public static final String ESCALATIONS = "x-switchboard-escalations";
    /** The verification score of the answer that was kept, when one was measured. */
    public static final String VERIFICATION = "x-switchboard-verification";
    /** {@code hit} or {@code miss}, on requests whose decision caches answers. */
    public static final String CACHE = "x-switchboard-cache";
    /** On a hit: the cosine of the two prompts (1 for the same request). */
    public static final String CACHE_SIMILARITY = "x-switchboard-cache-similarity";
    public static final String CACHE_HIT = "hit";
    public static final String CACHE_MISS = "miss";

    private DecisionHeaders() {
    }

    /** The headers, in a fixed order; {@code model} is the one that answered (null: the decision's). */
    public static Map<String, String> of(String requestId, String model, RouteDecision decision) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID, requestId == null ? "" : requestId);
        if (model != null) {
            headers.put(MODEL, model);
        } else if (decision != null) {
            headers.put(MODEL, decision.selectedModel());
        }
        if (decision != null) {
            // A concrete model asked for by name has no decision or algorithm: no empty headers for them.
            if (decision.decision() != null) {
                headers.put(DECISION, decision.decision());
            }
            if (decision.algorithm() != null) {
                headers.put(ALGORITHM, decision.algorithm());
            }
            headers.put(CONFIDENCE, String.format(Locale.ROOT, "%.3f", decision.confidence()));
            headers.put(REASON, decision.reason().code());
        }
        return headers;
    }
}
