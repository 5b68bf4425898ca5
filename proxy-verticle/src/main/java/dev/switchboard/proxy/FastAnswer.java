package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.ReasonCode;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.proxy.cache.CachedReplay;
import dev.switchboard.proxy.cache.CachedResponse;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;

/**
 * A decision's {@code fast_response}, as both ingresses answer it: status 200, the routing headers (the model header
 * names the decision, since no model answered), and the message as a chat completion from the decision, or as its
 * event stream ending with {@code [DONE]} when the client asked for one. No model is called.
 *
 * @param headers the response headers, content type included
 * @param body    the answer
 */
public record FastAnswer(Map<String, String> headers, Buffer body) {

    /** The fast answer of a decision that has one, when the proxy's settings still carry its message. */
    public static Optional<FastAnswer> of(ProxySettings settings, String requestId, RouteDecision decision,
            boolean stream) {
        if (decision == null || decision.reason() != ReasonCode.FAST_RESPONSE) {
            return Optional.empty();
        }
        String message = settings.fastResponses().get(decision.decision());
        if (message == null) {
            // Routed on a config version the proxy no longer has: forwarding to the default model still serves it.
            return Optional.empty();
        }
        Map<String, String> headers = DecisionHeaders.of(requestId, decision.decision(), decision);
        headers.put(CachedAnswer.CONTENT_TYPE, stream ? CachedReplay.EVENT_STREAM : CachedReplay.JSON);
        CachedResponse completion = new CachedResponse(decision.decision(), CachedReplay.JSON,
                completion(requestId, decision.decision(), message).toBuffer().getBytes());
        return Optional.of(new FastAnswer(headers, stream ? CachedReplay.asEventStream(completion)
                : CachedReplay.asJson(completion)));
    }

    private static JsonObject completion(String requestId, String model, String message) {
        return new JsonObject()
                .put("id", "chatcmpl-" + requestId)
                .put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000)
                .put("model", model)
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                        .put("message", new JsonObject().put("role", "assistant").put("content", message))
                        .put("finish_reason", "stop")))
                .put("usage", new JsonObject().put("prompt_tokens", 0).put("completion_tokens", 0)
                        .put("total_tokens", 0));
    }
}
