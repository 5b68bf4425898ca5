package dev.switchboard.feedback.events;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.json.JsonObject;

/**
 * Joins events to traces: a decision or outcome event written while its request's trace is current (the event bus
 * carries it from the router and the proxy) says which trace it belongs to, so that analytics can go from an event
 * to the request's spans and back.
 */
public final class EventTraces {

    private EventTraces() {
    }

    /** The current trace's id; null outside a trace (tracing off, or no request behind the event). */
    public static String currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** {@code event} with {@link EventFields#TRACE_ID}, when there is one. */
    public static JsonObject withTraceId(JsonObject event, String traceId) {
        return traceId == null ? event : event.put(EventFields.TRACE_ID, traceId);
    }
}
