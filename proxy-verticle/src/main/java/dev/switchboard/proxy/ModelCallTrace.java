package dev.switchboard.proxy;

import static dev.switchboard.contracts.trace.TraceNames.*;

import dev.switchboard.contracts.config.BackendRef;
import dev.switchboard.contracts.config.ModelDefinition;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.net.URI;

/**
 * The HTTP proxy's call to a model as OpenTelemetry's GenAI conventions describe it, the span a gateway that speaks
 * to models emits too: {@code chat {provider model}} (CLIENT) with the requested and answering model and the token
 * usage; the HTTP client's own span, and the {@code traceparent} the backend gets, are its children. A child of the
 * ingress's span. No prompt, answer or key.
 */
final class ModelCallTrace {

    private final Span span;
    private final Context request;
    private final Context context;
    private boolean ended;

    private ModelCallTrace(Span span, Context request, Context context) {
        this.span = span;
        this.request = request;
        this.context = context;
    }

    static ModelCallTrace start(OpenTelemetry openTelemetry, ModelDefinition model, BackendRef backend) {
        Context parent = Context.current();
        var builder = openTelemetry.getTracer(INSTRUMENTATION)
                .spanBuilder(GEN_AI_CHAT_PREFIX + model.providerModelId()).setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(GEN_AI_OPERATION, GEN_AI_OPERATION_CHAT)
                .setAttribute(GEN_AI_REQUEST_MODEL, model.providerModelId())
                .setAttribute(MODEL, model.name())
                .setAttribute(BACKEND, backend.name());
        try {
            URI url = URI.create(backend.chatUrl());
            if (url.getHost() != null) {
                builder.setAttribute(SERVER_ADDRESS, url.getHost());
                builder.setAttribute(SERVER_PORT, (long) (url.getPort() > 0 ? url.getPort()
                        : "https".equals(url.getScheme()) ? 443 : 80));
            }
        } catch (IllegalArgumentException notAUri) {
            // The call fails and says why; its span just has no address.
        }
        Span span = builder.startSpan();
        return new ModelCallTrace(span, parent, parent.with(span));
    }

    /** The request's context, which the call is part of: what the request's outcome is published in. */
    Context request() {
        return request;
    }

    /** The context to send the call in: the HTTP client's span, and the backend's trace, follow this span. */
    Context context() {
        return context;
    }

    /**
     * Ends the span, once.
     *
     * @param backendAnswered false when the status is Switchboard's own (the backend unreachable or silent)
     */
    void end(int status, String responseModel, Integer promptTokens, Integer completionTokens,
            boolean backendAnswered) {
        if (ended) {
            return;
        }
        ended = true;
        span.setAttribute(HTTP_STATUS, (long) status);
        if (responseModel != null) {
            span.setAttribute(GEN_AI_RESPONSE_MODEL, responseModel);
        }
        if (promptTokens != null) {
            span.setAttribute(GEN_AI_INPUT_TOKENS, promptTokens.longValue());
        }
        if (completionTokens != null) {
            span.setAttribute(GEN_AI_OUTPUT_TOKENS, completionTokens.longValue());
        }
        if (!backendAnswered || status >= 500) {
            span.setStatus(StatusCode.ERROR);
            span.setAttribute(ERROR_TYPE, backendAnswered ? String.valueOf(status)
                    : status == 504 ? "backend_timeout" : "backend_unreachable");
        }
        span.end();
    }
}
