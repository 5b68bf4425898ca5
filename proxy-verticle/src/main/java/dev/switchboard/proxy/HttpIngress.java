package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.CacheUse;
import dev.switchboard.contracts.bus.Escalation;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.RequestRewrite;
import dev.switchboard.proxy.cache.CacheLookup;
import dev.switchboard.proxy.cache.CacheQuery;
import dev.switchboard.proxy.cache.ResponseCache;
import dev.switchboard.proxy.cache.ResponseRecorder;
import dev.switchboard.proxy.openai.ApiError;
import dev.switchboard.proxy.openai.ChatRequest;
import dev.switchboard.proxy.openai.ModelList;
import dev.switchboard.proxy.openai.ResponseMeter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible HTTP surface: {@code POST /v1/chat/completions} (routed and forwarded to the selected
 * model's backend, server-sent events streamed through chunk by chunk with backpressure), {@code GET /v1/models}
 * and {@code POST /api/v1/route} (the decision with every score, nothing forwarded). Every routed response carries
 * the {@code x-switchboard-*} headers; backend errors pass through with their status and body.
 */
final class HttpIngress {

    private static final Logger LOGGER = LoggerFactory.getLogger(HttpIngress.class);

    /** Headers that belong to one connection and are not forwarded (RFC 9110 section 7.6.1). */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length");

    static final String MAX_BODY_SETTING = "global.proxy.max_body_bytes";

    private final Vertx vertx;
    private final Supplier<ProxySettings> settings;
    private final Backends backends;
    private final RouteClient routes;
    private final SelfVerification verification;

    private final RequestBodies bodies;
    private final ResponseCache cache;
    private final OpenTelemetry openTelemetry;

    HttpIngress(Vertx vertx, Supplier<ProxySettings> settings, HttpClient backends, RequestBodies bodies,
            ResponseCache cache, OpenTelemetry openTelemetry) {
        this.vertx = vertx;
        this.openTelemetry = openTelemetry;
        this.bodies = bodies;
        this.cache = cache;
        this.settings = settings;
        this.backends = new Backends(backends, settings);
        this.routes = new RouteClient(vertx, "http");
        this.verification = new SelfVerification(this.backends, settings, this);
    }

    Router mount(Router router) {
        router.get("/v1/models").handler(rc -> json(rc.response(), 200, ModelList.of(settings.get())));
        long maxBodyBytes = settings.get().limits().maxBodyBytes();
        bodies.read(router.post("/api/v1/route"), maxBodyBytes, MAX_BODY_SETTING)
                .handler(rc -> route(rc, true, this::explain));
        bodies.read(router.post("/v1/chat/completions"), maxBodyBytes, MAX_BODY_SETTING)
                .handler(rc -> route(rc, false, this::forward));
        return router;
    }

    /** What to do with a routed chat request. */
    private interface Then {
        void handle(RoutingContext rc, String requestId, ChatRequest chat, RouteClient.Routed routed);
    }

    /** Parses and routes the chat body, answering 400 for a bad body or an unknown model, then does {@code then}. */
    private void route(RoutingContext rc, boolean dryRun, Then then) {
        String requestId = requestId(rc);
        ChatRequest chat = parse(rc);
        if (chat == null) {
            return;
        }
        routes.route(settings.get(), chat, requestId, sessionId(rc), null, dryRun).onComplete(routed -> {
            if (routed.failed()) {
                json(rc.response(), 400, ApiError.of(routed.cause().getMessage(), ApiError.INVALID_REQUEST,
                        "model_not_found"));
            } else {
                then.handle(rc, requestId, chat, routed.result());
            }
        });
    }

    private void explain(RoutingContext rc, String requestId, ChatRequest chat, RouteClient.Routed routed) {
        RouteDecision d = routed.decision();
        ModelDefinition model = routed.model();
        JsonArray scores = new JsonArray();
        if (d != null) {
            d.candidates().forEach(c -> scores.add(new JsonObject().put("model", c.model()).put("score", c.score())
                    .put("components", new JsonObject(new java.util.LinkedHashMap<>(c.components())))));
        }
        json(rc.response(), 200, new JsonObject()
                .put("request_id", requestId)
                .put("requested_model", chat.model())
                .put("selected_model", model.name())
                .put("provider_model_id", model.providerModelId())
                .put("backend", d == null ? null : d.backend())
                .put("decision", d == null ? null : d.decision())
                .put("algorithm", d == null ? null : d.algorithm())
                .put("confidence", d == null ? 0.0 : d.confidence())
                .put("reason_code", d == null ? "router_unavailable" : d.reason().code())
                .put("scores", scores)
                .put("routing_latency_ms", d == null ? null : d.routingMicros() / 1000.0));
    }

    private void forward(RoutingContext rc, String requestId, ChatRequest chat, RouteClient.Routed routed) {
        Escalation plan = routed.decision() == null ? null : routed.decision().escalation();
        if (plan != null && !chat.streams()) {
            // The answer can be checked before the client sees it only when it is not streamed.
            verification.answer(rc.response(), requestId, chat, routed, plan);
            return;
        }
        Optional<FastAnswer> fast = FastAnswer.of(settings.get(), requestId, routed.decision(), chat.streams());
        if (fast.isPresent()) {
            fast.get().headers().forEach(rc.response()::putHeader);
            rc.response().setStatusCode(200).end(fast.get().body());
            return;
        }
        CacheLookup lookup = cache.consult(settings.get(), routed.decision(), chat, rc.request()::getHeader);
        if (lookup.decisionCaches()) {
            vertx.eventBus().publish(Addresses.FEEDBACK_CACHE_LOOKUP, lookup.result(requestId));
        }
        if (lookup.hit() != null) {
            serveCached(rc.response(), requestId, chat, routed, lookup);
            return;
        }
        if (lookup.cached()) {
            rc.response().putHeader(DecisionHeaders.CACHE, DecisionHeaders.CACHE_MISS);
        }
        ModelDefinition model = routed.model();
        BackendRef backend = Backends.backend(model, routed.decision() == null ? null : routed.decision().backend());
        HttpServerResponse response = rc.response();
        decisionHeaders(response, requestId, routed);
        ResponseMeter meter = new ResponseMeter(System.nanoTime());
        CacheQuery storing = lookup.storing();
        Outcome outcome = new Outcome(requestId, model, routed, meter, lookup.miss(), modelCall(model, backend));
        RequestRewrite rewrite = settings.get().rewrite(routed.decisionName());
        backends.send(backend, chat.forwarded(model.providerModelId(), rewrite),
                        rc.request().getHeader(HttpHeaders.ACCEPT), rewrite, outcome.trace().context())
                .onSuccess(incoming -> relay(incoming, response, rc.request(), outcome, storing))
                .onFailure(failure -> publish(outcome, backendFailure(response, model, failure), false));
    }

    /**
     * Answers a call that got no response as a plain reverse proxy does: 504 when the backend went silent, 502 when
     * it could not be reached. Returns the status.
     */
    int backendFailure(HttpServerResponse response, ModelDefinition model, Throwable failure) {
        boolean silent = failure instanceof TimeoutException;
        int status = silent ? 504 : 502;
        // Why, for whoever runs it: the client's error says only that it failed. The message of a connection
        // failure names the address, never a header, so no key can be in it.
        LOGGER.atWarn().setMessage(silent ? "backend_timeout" : "backend_unreachable")
                .addKeyValue("model", model.name()).addKeyValue("status", status)
                .addKeyValue("error", failure.getClass().getSimpleName() + ": " + failure.getMessage()).log();
        if (!response.headWritten()) {
            json(response, status, silent
                    ? ApiError.of("the backend of '" + model.name() + "' sent nothing for "
                            + settings.get().limits().backendIdleTimeout().toMillis()
                            + " ms (global.proxy.backend_idle_timeout)", ApiError.SERVER_ERROR, "backend_timeout")
                    : ApiError.of("the backend of '" + model.name() + "' could not be reached",
                            ApiError.SERVER_ERROR, "backend_unreachable"));
        }
        return status;
    }

    /** Answers from the cache, and publishes the hit's outcome. */
    private void serveCached(HttpServerResponse response, String requestId, ChatRequest chat,
            RouteClient.Routed routed, CacheLookup lookup) {
        CachedAnswer answer = CachedAnswer.of(requestId, routed, lookup, chat.streams());
        answer.headers().forEach(response::putHeader);
        response.setStatusCode(200).end(answer.body());
        vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME, CachedAnswer.outcome(requestId, routed, lookup));
    }

    /** Streams the backend's answer to the client, chunk by chunk, pausing the backend while the client lags. */
    private void relay(HttpClientResponse incoming, HttpServerResponse response, HttpServerRequest request,
            Outcome outcome, CacheQuery storing) {
        ResponseMeter meter = outcome.meter();
        ModelDefinition model = outcome.model();
        ResponseRecorder recorder = storing == null ? null : new ResponseRecorder(ResponseRecorder.MAX_BYTES);
        response.setStatusCode(incoming.statusCode());
        incoming.headers().forEach((name, value) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                response.headers().add(name, value);
            }
        });
        response.setChunked(true);
        meter.contentType(incoming.getHeader(HttpHeaders.CONTENT_TYPE));
        StallWatch stall = new StallWatch(vertx, settings.get().limits().backendIdleTimeout().toMillis(), () -> {
            LOGGER.atWarn().setMessage("backend_timeout").addKeyValue("model", model.name())
                    .addKeyValue("status", incoming.statusCode())
                    .addKeyValue("error", "silent half-way through its answer").log();
            incoming.request().connection().close();
            cut(response, request);
            publish(outcome, 504, false);
        });
        incoming.handler(chunk -> {
            stall.progress();
            meter.chunk(chunk, System.nanoTime());
            if (recorder != null) {
                recorder.chunk(chunk);
            }
            response.write(chunk);
            if (response.writeQueueFull()) {
                incoming.pause();
                stall.held(true);
                response.drainHandler(v -> {
                    stall.held(false);
                    incoming.resume();
                });
            }
        });
        incoming.exceptionHandler(e -> {
            stall.stop();
            cut(response, request);
        });
        incoming.endHandler(v -> {
            stall.stop();
            // A client that went away took only part of the answer: what was recorded is kept only when it was all
            // delivered (and, for a stream, ended with [DONE]).
            boolean delivered = !response.closed();
            response.end();
            publish(outcome, incoming.statusCode(), true);
            if (recorder != null && delivered) {
                recorder.keep(incoming.statusCode(), incoming.getHeader(HttpHeaders.CONTENT_TYPE), model.name(),
                        meter).ifPresent(answer -> cache.store(storing, answer));
            }
        });
    }

    /**
     * The backend went away or silent half-way: the client's answer is cut too, never left open: its HTTP/2 stream
     * reset, or its HTTP/1.x connection closed (the only way to say "incomplete" there).
     */
    private static void cut(HttpServerResponse response, HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            response.reset();
        } else {
            request.connection().close();
        }
    }

    /**
     * What the outcome of one call to a model is made of, until its status is known.
     *
     * @param cache the cache's part (a miss), or null when the request's decision does not cache
     * @param trace the call's span
     */
    record Outcome(String requestId, ModelDefinition model, RouteClient.Routed routed, ResponseMeter meter,
            CacheUse cache, ModelCallTrace trace) {

        /** Ends the meter and the span; {@code backendAnswered} false when the status is Switchboard's own. */
        OutcomeEvent end(int status, boolean backendAnswered) {
            meter.end(System.nanoTime());
            trace.end(status, meter.responseModel(), meter.promptTokens(), meter.completionTokens(), backendAnswered);
            return new OutcomeEvent(requestId, model.name(),
                    routed.decision() == null ? null : routed.decision().decision(), status, meter.latencyMs(),
                    meter.ttftMs(), meter.tpotMs(), meter.promptTokens(), meter.completionTokens(), backendAnswered,
                    cache);
        }
    }

    /** The span of a call to {@code model}'s {@code backend}, under the request's. */
    ModelCallTrace modelCall(ModelDefinition model, BackendRef backend) {
        return ModelCallTrace.start(openTelemetry, model, backend);
    }

    void publish(Outcome outcome, int status, boolean backendAnswered) {
        // Answers arrive in the HTTP client's context: the event goes out in the request's, and joins its trace.
        try (Scope ignored = outcome.trace().request().makeCurrent()) {
            vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME, outcome.end(status, backendAnswered));
        }
    }

    private static void decisionHeaders(HttpServerResponse response, String requestId, RouteClient.Routed routed) {
        DecisionHeaders.of(requestId, routed.model().name(), routed.decision()).forEach(response::putHeader);
    }

    /** The chat body, or null after answering 400 with what is wrong. */
    private ChatRequest parse(RoutingContext rc) {
        try {
            return ChatRequest.parse(rc.body().buffer(), ChatRequest.Limits.of(settings.get().limits()));
        } catch (ChatRequest.InvalidRequestException e) {
            json(rc.response(), 400, e.toError());
            return null;
        }
    }

    private static String requestId(RoutingContext rc) {
        return RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
    }

    private static String sessionId(RoutingContext rc) {
        String session = rc.request().getHeader("x-session-id");
        return session != null ? session : rc.request().getHeader("x-conversation-id");
    }


    static void json(HttpServerResponse response, int status, JsonObject body) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
    }
}
