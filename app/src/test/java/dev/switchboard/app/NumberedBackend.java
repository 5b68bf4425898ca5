package dev.switchboard.app;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible backend on 127.0.0.1 that numbers its answers ("answer 1", "answer 2", ...), so that a test
 * tells a replay from a fresh answer, and keeps the headers of every call. JSON only, 12 prompt and 2 completion
 * tokens each.
 */
final class NumberedBackend implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicInteger calls = new AtomicInteger();
    private final List<MultiMap> headers = new CopyOnWriteArrayList<>();
    private final int port;

    NumberedBackend() throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            headers.add(request.headers());
            int call = calls.incrementAndGet();
            request.response().putHeader("content-type", "application/json").end(new JsonObject()
                    .put("id", "chatcmpl-" + call).put("object", "chat.completion").put("created", 1)
                    .put("model", body.toJsonObject().getString("model"))
                    .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                            .put("message", new JsonObject().put("role", "assistant").put("content", "answer " + call))
                            .put("finish_reason", "stop")))
                    .put("usage", Map.of("prompt_tokens", 12, "completion_tokens", 2)).encode());
        })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    int port() {
        return port;
    }

    /** The headers of each call so far, in order. */
    List<MultiMap> headers() {
        return List.copyOf(headers);
    }

    /**
     * A config with this backend as its one model, {@code local}, and one decision, {@code everyday}, that matches
     * every request; {@code decisionLines} are more of the decision's fields, indented for it. No {@code global}.
     */
    String config(String decisionLines) {
        return """
                version: v0.3
                providers:
                  defaults: {default_model: local}
                  models:
                    - name: local
                      provider_model_id: local-7b
                      backend_refs: [{name: stub, endpoint: "127.0.0.1:%d", protocol: http}]
                routing:
                  decisions:
                    - name: everyday
                      rules: {}
                      modelRefs: [{model: local}]
                """.formatted(port) + decisionLines;
    }

    @Override
    public void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }
}
