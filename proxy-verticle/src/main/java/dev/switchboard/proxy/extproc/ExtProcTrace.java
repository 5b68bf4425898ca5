package dev.switchboard.proxy.extproc;

import static dev.switchboard.contracts.trace.TraceNames.*;

import dev.switchboard.contracts.bus.RouteDecision;
import io.envoyproxy.envoy.config.core.v3.HeaderValue;
import io.envoyproxy.envoy.service.ext_proc.v3.HttpHeaders;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The span of one chat request through ExtProc: a child of the gateway's trace, read from the W3C
 * {@code traceparent}/{@code tracestate} among the request headers the gateway sends (not from the ext_proc
 * call's own headers, which belong to the gateway's call to this processor). Routing runs inside it, so the
 * router's spans are its children, and its context goes on to the upstream in the header mutation. Attributes say
 * how the request was routed and what it used, never what it said. With tracing off every call is a no-op.
 */
final class ExtProcTrace {

    private static final TextMapGetter<HttpHeaders> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders carrier) {
            return carrier.getHeaders().getHeadersList().stream().map(HeaderValue::getKey).toList();
        }

        @Override
        public String get(HttpHeaders carrier, String key) {
            return carrier == null ? null : Messages.header(carrier, key).orElse(null);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Span span;
    private final Context context;
    private boolean ended;

    private ExtProcTrace(OpenTelemetry openTelemetry, Span span, Context context) {
        this.openTelemetry = openTelemetry;
        this.span = span;
        this.context = context;
    }

    /** Starts the span of a chat request whose headers the gateway sent. */
    static ExtProcTrace start(OpenTelemetry openTelemetry, HttpHeaders headers) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), headers, HEADERS);
        Span span = openTelemetry.getTracer(INSTRUMENTATION).spanBuilder(EXTPROC_CHAT).setParent(parent)
                .setSpanKind(SpanKind.SERVER).setAttribute(HTTP_METHOD, "POST")
                .setAttribute(URL_PATH, ExtProcStream.CHAT_PATH).startSpan();
        return new ExtProcTrace(openTelemetry, span, parent.with(span));
    }

    /** Runs {@code work} with this span current: what it starts (routing, its event-bus messages) is a child. */
    <T> T within(Supplier<T> work) {
        return context.wrapSupplier(work).get();
    }

    /** Runs {@code work} with this span current: the events it publishes belong to the request's trace. */
    void within(Runnable work) {
        context.wrap(work).run();
    }

    /** The routing's outcome, on the span; and its context for the upstream, into {@code headers}. */
    void routed(String requestedModel, String model, RouteDecision decision, Map<String, String> headers) {
        span.setAttribute(GEN_AI_REQUEST_MODEL, requestedModel);
        span.setAttribute(GEN_AI_RESPONSE_MODEL, model);
        if (decision != null) {
            if (decision.decision() != null) {
                span.setAttribute(DECISION, decision.decision());
            }
            if (decision.algorithm() != null) {
                span.setAttribute(ALGORITHM, decision.algorithm());
            }
            span.setAttribute(REASON, decision.reason().code());
        }
        openTelemetry.getPropagators().getTextMapPropagator().inject(context, headers, Map::put);
    }

    /** Ends the span with the response's status and usage; once. */
    void end(int status, Integer promptTokens, Integer completionTokens) {
        if (ended) {
            return;
        }
        ended = true;
        span.setAttribute(HTTP_STATUS, (long) status);
        if (promptTokens != null) {
            span.setAttribute(GEN_AI_INPUT_TOKENS, promptTokens.longValue());
        }
        if (completionTokens != null) {
            span.setAttribute(GEN_AI_OUTPUT_TOKENS, completionTokens.longValue());
        }
        if (status >= 500 || status == 0) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** The stream ended before the response did (the client went away, or an answer of Switchboard's own). */
    void endUnanswered(String why) {
        if (!ended) {
            span.setAttribute(UNANSWERED, why);
            ended = true;
            span.end();
        }
    }
}
