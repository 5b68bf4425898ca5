package dev.switchboard.router;

import static dev.switchboard.contracts.trace.TraceNames.*;

import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.router.signals.SignalResults;
import dev.switchboard.selection.Selection;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;

/**
 * The spans of routing one request: {@value dev.switchboard.contracts.trace.TraceNames#ROUTE}, a child of what was
 * current when the request arrived (the ingress's span, over the event bus), with the embedding it waits for and
 * its three steps, signals, decision and selection, as children. Attributes say which rules matched, which decision
 * won and what the algorithm chose, never the prompt. With tracing off (a no-op {@link OpenTelemetry}) every call
 * costs next to nothing.
 */
final class RoutingTrace {

    private final Tracer tracer;
    private final Span span;
    private final Context context;

    private RoutingTrace(Tracer tracer, Span span, Context context) {
        this.tracer = tracer;
        this.span = span;
        this.context = context;
    }

    static RoutingTrace start(OpenTelemetry openTelemetry, RouteRequest request) {
        Tracer tracer = openTelemetry.getTracer(INSTRUMENTATION);
        Context parent = Context.current();
        Span span = tracer.spanBuilder(ROUTE).setParent(parent)
                .setAttribute(REQUEST_ID, request.requestId())
                .setAttribute(GEN_AI_REQUEST_MODEL, request.requestedModel())
                .setAttribute(INGRESS, request.ingress())
                .startSpan();
        return new RoutingTrace(tracer, span, parent.with(span));
    }

    /** Runs {@code work} with the routing span current: the embedder's request and the decision's record join it. */
    void within(Runnable work) {
        context.wrap(work).run();
    }

    /** A step of routing, started now; ended by the caller. */
    Span step(String name) {
        return tracer.spanBuilder(name).setParent(context).startSpan();
    }

    static void signals(Span step, SignalResults signals, boolean embedded, String language) {
        step.setAttribute(SIGNALS_MATCHED, signals.matched().keySet().stream().sorted().toList());
        step.setAttribute(PROMPT_EMBEDDED, embedded);
        if (language != null) {
            step.setAttribute(LANGUAGE, language);
        }
        step.end();
    }

    static void decision(Span step, String strategy, DecisionEngine.Match match) {
        step.setAttribute(STRATEGY, strategy);
        if (match != null) {
            step.setAttribute(DECISION, match.decision().name());
            step.setAttribute(DECISION_CONFIDENCE, match.confidence());
        }
        step.end();
    }

    static void selection(Span step, String algorithm, int candidates, Selection selection) {
        step.setAttribute(ALGORITHM, algorithm);
        step.setAttribute(CANDIDATES, (long) candidates);
        if (selection != null) {
            step.setAttribute(MODEL, selection.model());
            step.setAttribute(CONFIDENCE, selection.confidence());
            step.setAttribute(EXPLORED, selection.explored());
        } else {
            step.setAttribute(ERROR_TYPE, "selection_unavailable");
        }
        step.end();
    }

    /** Ends the routing span with what was decided. */
    void routed(RouteDecision decision) {
        span.setAttribute(GEN_AI_RESPONSE_MODEL, decision.selectedModel());
        span.setAttribute(MODEL, decision.selectedModel());
        span.setAttribute(REASON, decision.reason().code());
        span.setAttribute(CONFIDENCE, decision.confidence());
        span.setAttribute(CONFIG_REVISION, decision.configRevision());
        if (decision.decision() != null) {
            span.setAttribute(DECISION, decision.decision());
        }
        if (decision.algorithm() != null) {
            span.setAttribute(ALGORITHM, decision.algorithm());
        }
        span.end();
    }

    /** Ends the routing span of a request that could not be routed (an unknown model). */
    void refused(String why) {
        span.setStatus(StatusCode.ERROR, why);
        span.setAttribute(ERROR_TYPE, "invalid_model");
        span.end();
    }
}
