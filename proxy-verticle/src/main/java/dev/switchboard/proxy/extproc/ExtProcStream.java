package dev.switchboard.proxy.extproc;

import dev.switchboard.contracts.bus.Addresses;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.config.ModelDefinition;
import dev.switchboard.contracts.config.ProxySettings;
import dev.switchboard.contracts.config.RequestRewrite;
import dev.switchboard.proxy.CachedAnswer;
import dev.switchboard.proxy.DecisionHeaders;
import dev.switchboard.proxy.FastAnswer;
import dev.switchboard.proxy.RequestIds;
import dev.switchboard.proxy.RouteClient;
import dev.switchboard.proxy.cache.CacheLookup;
import dev.switchboard.proxy.cache.ResponseCache;
import dev.switchboard.proxy.cache.ResponseRecorder;
import dev.switchboard.proxy.openai.ApiError;
import dev.switchboard.proxy.openai.ChatRequest;
import dev.switchboard.proxy.openai.ModelList;
import dev.switchboard.proxy.openai.ResponseMeter;
import io.envoyproxy.envoy.extensions.filters.http.ext_proc.v3.ProcessingMode.BodySendMode;
import io.envoyproxy.envoy.service.ext_proc.v3.HeaderMutation;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpBody;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingRequest;
import io.envoyproxy.envoy.service.ext_proc.v3.ProcessingResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.common.GrpcStatus;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ext_proc stream: one HTTP request passing through the gateway. Handles every phase the gateway sends, in
 * every body mode, on the proxy's event loop.
 *
 * <p>For a chat completion the body is collected whole (in {@code STREAMED} mode each chunk is withheld and the
 * rewritten body goes out with the last one; in {@code FULL_DUPLEX_STREAMED} mode nothing is answered until the
 * body is complete, and then the request-headers response carries the header mutation, because AgentGateway ignores
 * header mutations on body responses in that mode, followed by the body as one streamed chunk). The request is
 * routed, the body's {@code model} rewritten to the provider's id, {@code x-selected-model} and
 * {@code content-length} set and the route cache cleared. Other paths pass untouched.
 *
 * <p>When the request's decision caches answers, a hit is answered with an {@code ImmediateResponse} (the gateway
 * calls no upstream); on a miss the answer is kept from the response body phase, when the gateway sends it
 * ({@code response_body_mode} other than {@code NONE}) and the stream is not ended before the body's end.
 */
final class ExtProcStream {

    private static final Logger LOGGER = LoggerFactory.getLogger(ExtProcStream.class);
    static final String CHAT_PATH = "/v1/chat/completions";
    static final String MODELS_PATH = "/v1/models";
    /** The identity headers a gateway sets after authenticating the caller (the reference's names). */
    static final String AUTHZ_USER_ID = "x-authz-user-id";
    static final String AUTHZ_USER_GROUPS = "x-authz-user-groups";
    /** Groups read from the header at most: a header is bounded, and so is what a request carries to the router. */
    private static final int MAX_GROUPS = 64;
    private final Vertx vertx;
    private final RouteClient routes;
    private final ResponseCache cache;
    private final OpenTelemetry openTelemetry;
    private final ProxySettings settings;
    private final long maxBodyBytes;
    private final Replies out;
    private final String streamId = UUID.randomUUID().toString().substring(0, 8);
    private BodySendMode mode = BodySendMode.BUFFERED;
    private BodySendMode responseMode = BodySendMode.NONE;
    private boolean chat;
    private String requestId;
    private String sessionId;
    private String userId;
    /** The caller as the gateway authenticated it, for authz rules; see {@link ChatRequest#withIdentity}. */
    private String authzUserId;
    private List<String> authzGroups = List.of();
    private HttpHeaders requestHeaders;
    /** The chat request's span; null for other requests. */
    private ExtProcTrace trace;
    private Buffer body = Buffer.buffer();
    private boolean bodyEnded;
    private RouteDecision decision;
    private ModelDefinition servedBy;
    private ResponseMeter meter;
    private CacheLookup cacheLookup = CacheLookup.NOT_CACHED;
    /** Copies the answer for the cache, when it is to be kept and the gateway sends the response body. */
    private ResponseRecorder recorder;
    private String responseType;
    private int status;
    /** Completes when the routing in progress has been answered; the stream must not end before. */
    private Future<Void> answered = Future.succeededFuture();

    ExtProcStream(Vertx vertx, ProxySettings settings, RouteClient routes, ResponseCache cache,
            WriteStream<ProcessingResponse> responses) {
        this(vertx, settings, routes, cache, OpenTelemetry.noop(), responses);
    }

    ExtProcStream(Vertx vertx, ProxySettings settings, RouteClient routes, ResponseCache cache,
            OpenTelemetry openTelemetry, WriteStream<ProcessingResponse> responses) {
        this.openTelemetry = openTelemetry;
        this.vertx = vertx;
        this.routes = routes;
        this.cache = cache;
        this.settings = settings;
        this.maxBodyBytes = settings.limits().maxBodyBytes();
        this.out = new Replies(responses, streamId);
    }

    void onMessage(ProcessingRequest request) {
        switch (request.getRequestCase()) {
            case REQUEST_HEADERS -> onRequestHeaders(request);
            case REQUEST_BODY -> onRequestBody(request.getRequestBody());
            case RESPONSE_HEADERS -> onResponseHeaders(request.getResponseHeaders());
            case RESPONSE_BODY -> onResponseBody(request.getResponseBody());
            // Trailers pass untouched; a gateway sends them only when configured to, and then waits for an answer,
            // in order: after the body's, which may still be routing.
            case REQUEST_TRAILERS -> whenAnswered(() -> out.send(Messages.continueRequestTrailers()));
            case RESPONSE_TRAILERS -> whenAnswered(() -> out.send(Messages.continueResponseTrailers()));
            default -> {
                // No phase this processor knows: answering nothing would leave the gateway waiting for an answer.
                LOGGER.atDebug().setMessage("extproc_unknown_message").addKeyValue("stream_id", streamId).log();
                onUnreadable(GrpcStatus.INVALID_ARGUMENT, "the ProcessingRequest has no phase (request_headers, "
                        + "request_body, request_trailers, response_headers, response_body or response_trailers)");
            }
        }
    }

    private void onRequestHeaders(ProcessingRequest request) {
        if (request.hasProtocolConfig()) {
            mode = request.getProtocolConfig().getRequestBodyMode();
            responseMode = request.getProtocolConfig().getResponseBodyMode();
        }
        HttpHeaders headers = request.getRequestHeaders();
        requestHeaders = headers;
        String method = Messages.header(headers, ":method").orElse("").toUpperCase(Locale.ROOT);
        String path = Messages.header(headers, ":path").orElse("");
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        requestId = RequestIds.accept(Messages.header(headers, RequestIds.HEADER).orElse(null));
        sessionId = Messages.header(headers, "x-session-id")
                .or(() -> Messages.header(headers, "x-conversation-id")).orElse(null);
        userId = Messages.header(headers, "x-user-id").orElse(null);
        authzUserId = Messages.header(headers, AUTHZ_USER_ID).orElse(null);
        authzGroups = Messages.header(headers, AUTHZ_USER_GROUPS).map(ExtProcStream::groups).orElse(List.of());
        if ("GET".equals(method) && pathOnly.equals(MODELS_PATH)) {
            out.last(Messages.immediate(200, ModelList.of(settings)));
            return;
        }
        chat = "POST".equals(method) && pathOnly.equals(CHAT_PATH);
        if (chat) {
            trace = ExtProcTrace.start(openTelemetry, headers);
        }
        if (chat && headers.getEndOfStream()) {
            trace.end(400, null, null);
            out.last(Messages.immediate(400, ApiError.of("a chat completion needs a JSON body",
                    ApiError.INVALID_REQUEST, null)));
            return;
        }
        if (!chat || mode != BodySendMode.FULL_DUPLEX_STREAMED) {
            out.send(Messages.continueRequestHeaders());
        }
        // In full-duplex mode the headers response waits for the body: it must carry the routing headers.
    }

    private void onRequestBody(HttpBody chunk) {
        if (bodyEnded) {
            // Answering it would answer the request twice: the gateway is out of step with its own stream.
            whenAnswered(() -> out.fail(GrpcStatus.FAILED_PRECONDITION,
                    "request_body after the body's end_of_stream"));
            return;
        }
        bodyEnded = chunk.getEndOfStream();
        if (!chat) {
            out.send(Messages.continueRequestBody());
            return;
        }
        body.appendBuffer(Buffer.buffer(chunk.getBody().toByteArray()));
        if (body.length() > maxBodyBytes) {
            chat = false;
            trace.end(413, null, null);
            out.last(Messages.immediate(413, ApiError.tooLarge(maxBodyBytes)));
            return;
        }
        if (!chunk.getEndOfStream()) {
            if (mode == BodySendMode.STREAMED) {
                out.send(Messages.withheldChunk());
            }
            // Buffered modes send the body once; full-duplex answers once the body is complete.
            return;
        }
        route();
    }

    private void route() {
        ChatRequest request;
        try {
            request = ChatRequest.parse(body, ChatRequest.Limits.of(settings.limits()))
                    .withIdentity(authzUserId, authzGroups);
        } catch (ChatRequest.InvalidRequestException e) {
            trace.end(400, null, null);
            out.last(Messages.immediate(400, e.toError()));
            return;
        }
        answered = trace.within(() -> routes.route(settings, request, requestId, sessionId, userId, false))
                .andThen(routed -> {
                    if (routed.succeeded()) {
                        forward(request, routed.result());
                    } else {
                        trace.end(400, null, null);
                        out.last(Messages.immediate(400, ApiError.of(routed.cause().getMessage(),
                                ApiError.INVALID_REQUEST, "model_not_found")));
                    }
                }).mapEmpty();
    }

    private void forward(ChatRequest request, RouteClient.Routed routed) {
        decision = routed.decision();
        Optional<FastAnswer> fast = FastAnswer.of(settings, requestId, decision, request.streams());
        if (fast.isPresent()) {
            // The gateway answers the client with it and calls no upstream.
            trace.routed(request.model(), decision.decision(), decision, new LinkedHashMap<>());
            trace.end(200, null, null);
            out.last(Messages.immediate(200, fast.get().headers(), fast.get().body().getBytes()));
            return;
        }
        CacheLookup lookup = cache.consult(settings, decision, request,
                name -> Messages.header(requestHeaders, name).orElse(null));
        if (lookup.decisionCaches()) {
            trace.within(() -> vertx.eventBus().publish(Addresses.FEEDBACK_CACHE_LOOKUP, lookup.result(requestId)));
        }
        if (lookup.hit() != null) {
            // The gateway answers the client with it and calls no upstream.
            CachedAnswer answer = CachedAnswer.of(requestId, routed, lookup, request.streams());
            trace.routed(request.model(), routed.model().name(), decision, new LinkedHashMap<>());
            trace.end(200, null, null);
            out.last(Messages.immediate(200, answer.headers(), answer.body().getBytes()));
            trace.within(() -> vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME,
                    CachedAnswer.outcome(requestId, routed, lookup)));
            return;
        }
        cacheLookup = lookup;
        if (lookup.storing() != null) {
            // Only as many bytes as the gateway sends: none unless its response_body_mode is other than NONE.
            recorder = new ResponseRecorder(ResponseRecorder.MAX_BYTES);
        }
        ModelDefinition model = routed.model();
        RequestRewrite rewrite = settings.rewrite(routed.decisionName());
        Buffer rewritten = request.forwarded(model.providerModelId(), rewrite);
        servedBy = model;
        meter = new ResponseMeter(System.nanoTime());
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> removed = List.of();
        if (rewrite.headers() != null) {
            // The decision's headers first, so that the router's own below always win (the config forbids them).
            rewrite.headers().set().forEach(header -> headers.put(header.name(), header.value()));
            removed = rewrite.headers().delete();
        }
        headers.put("x-selected-model", model.name());
        headers.put("content-length", String.valueOf(rewritten.length()));
        trace.routed(request.model(), model.name(), decision, headers);
        HeaderMutation mutation = Messages.mutation(headers, removed);
        if (mode == BodySendMode.FULL_DUPLEX_STREAMED) {
            out.send(Messages.requestHeaders(mutation));
            out.send(Messages.fullDuplexBody(rewritten));
        } else {
            out.send(Messages.requestBody(mutation, rewritten));
        }
    }

    /** The groups of an {@code x-authz-user-groups} header: comma-separated names, blanks dropped. */
    private static List<String> groups(String header) {
        return Arrays.stream(header.split(",")).map(String::strip).filter(g -> !g.isEmpty()).limit(MAX_GROUPS)
                .toList();
    }

    private void onResponseHeaders(HttpHeaders response) {
        status = Messages.header(response, ":status").map(ExtProcStream::parseStatus).orElse(0);
        Map<String, String> headers = DecisionHeaders.of(requestId, null, decision);
        if (cacheLookup.cached()) {
            headers.put(DecisionHeaders.CACHE, DecisionHeaders.CACHE_MISS);
        }
        out.send(Messages.responseHeaders(Messages.setHeaders(headers)));
        if (meter != null) {
            responseType = Messages.header(response, "content-type").orElse(null);
            meter.contentType(responseType);
            if (response.getEndOfStream()) {
                finish();
            }
        }
    }

    private void onResponseBody(HttpBody chunk) {
        // In full-duplex mode the gateway forwards only what the processor sends back: echo each chunk.
        out.send(responseMode == BodySendMode.FULL_DUPLEX_STREAMED
                ? Messages.passThrough(chunk) : Messages.continueResponseBody());
        if (meter != null) {
            Buffer bytes = Buffer.buffer(chunk.getBody().toByteArray());
            meter.chunk(bytes, System.nanoTime());
            if (recorder != null) {
                recorder.chunk(bytes);
            }
            if (chunk.getEndOfStream()) {
                finish();
            }
        }
    }

    /**
     * Publishes how the response went, once, for the feedback log and the router's latency windows, and keeps the
     * answer for the cache when it is whole: a stream the gateway ends early (its client went away) never gets here.
     */
    private void finish() {
        meter.end(System.nanoTime());
        OutcomeEvent outcome = new OutcomeEvent(requestId, servedBy.name(),
                decision == null ? null : decision.decision(), status, meter.latencyMs(), meter.ttftMs(),
                meter.tpotMs(), meter.promptTokens(), meter.completionTokens(), true, cacheLookup.miss());
        trace.within(() -> vertx.eventBus().publish(Addresses.FEEDBACK_OUTCOME, outcome));
        trace.end(status, meter.promptTokens(), meter.completionTokens());
        if (recorder != null) {
            recorder.keep(status, responseType, servedBy.name(), meter)
                    .ifPresent(answer -> cache.store(cacheLookup.storing(), answer));
            recorder = null;
        }
        meter = null;
    }

    private static int parseStatus(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Runs {@code action} once the answers in progress are written: a client that half-closes right after its last
     * message (as {@code buf curl} does; Envoy keeps the stream open) still gets them.
     */
    void whenAnswered(Runnable action) {
        answered.onComplete(done -> action.run());
    }

    /** A message the server could not read: the stream ends with {@code status} once the answers are out. */
    void onUnreadable(GrpcStatus status, String message) {
        whenAnswered(() -> out.fail(status, message));
    }

    /** The gateway half-closed: the stream ends once what is being answered has been sent. */
    void onEnd() {
        whenAnswered(() -> {
            endTrace("stream_ended");
            out.end();
        });
    }

    /** A chat request whose response never came through: its span ends all the same. */
    private void endTrace(String why) {
        if (trace != null) {
            trace.endUnanswered(why);
        }
    }

    /**
     * The stream failed under us: a reset or cancel is the gateway's client going away (nothing more is sent); any
     * other failure is a message the server could not read, answered with INVALID_ARGUMENT so that the gateway
     * sees why instead of a stream that ends without a status.
     */
    void onFailure(Throwable failure) {
        endTrace(failure instanceof StreamResetException || failure instanceof HttpClosedException
                ? "stream_reset" : "stream_unreadable");
        if (failure instanceof StreamResetException || failure instanceof HttpClosedException) {
            out.closedByPeer();
        } else {
            out.fail(GrpcStatus.INVALID_ARGUMENT, "the message could not be read as a ProcessingRequest ("
                    + failure.getClass().getSimpleName() + ")");
        }
    }

    String streamId() {
        return streamId;
    }
}
