package dev.switchboard.embedder;

import static dev.switchboard.contracts.trace.TraceNames.*;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;

/**
 * The span of one embedding request, {@value dev.switchboard.contracts.trace.TraceNames#EMBED}: from its arrival
 * (a child of the router's span, which the event bus carried) through the wait for its batch to the reply. A batch
 * serves several requests of several traces, so each request has its own span, saying how big the inference it
 * shared was, how many tokens its own texts took and whether the cache answered it whole.
 */
final class EmbeddingTrace {

    private final Span span;

    private EmbeddingTrace(Span span) {
        this.span = span;
    }

    /** Starts the span under what is current: the delivery of the request. */
    static EmbeddingTrace start(OpenTelemetry openTelemetry, int texts) {
        return new EmbeddingTrace(openTelemetry.getTracer(INSTRUMENTATION).spanBuilder(EMBED)
                .setParent(Context.current()).setAttribute(EMBEDDING_TEXTS, (long) texts).startSpan());
    }

    /**
     * @param batchSize the texts inferred together with this request's (0 when the cache answered it whole)
     * @param tokens    the tokens of this request's texts that were inferred
     */
    void embedded(String model, int batchSize, long tokens, boolean cacheHit) {
        span.setAttribute(EMBEDDING_MODEL, model);
        span.setAttribute(EMBEDDING_BATCH_SIZE, (long) batchSize);
        span.setAttribute(EMBEDDING_TOKENS, tokens);
        span.setAttribute(EMBEDDING_CACHE_HIT, cacheHit);
        span.end();
    }

    void failed(String why) {
        span.setStatus(StatusCode.ERROR, why);
        span.end();
    }
}
