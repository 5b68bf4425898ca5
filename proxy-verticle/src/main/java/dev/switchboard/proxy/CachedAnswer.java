package dev.switchboard.proxy;

import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.proxy.cache.CacheLookup;
import dev.switchboard.proxy.cache.CachedReplay;
import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A response cache hit as both ingresses answer it: status 200, the routing headers of this request with
 * {@code x-switchboard-cache: hit} and the similarity, and the stored answer in the form the client asked for (a
 * JSON completion, or a server-sent event stream ending with {@code [DONE]}), whatever form it was stored in. The
 * hit is logged by request id and similarity only, never its content.
 *
 * @param headers the response headers, content type included
 * @param body    the answer
 */
public record CachedAnswer(Map<String, String> headers, Buffer body) {

    private static final Logger LOGGER = LoggerFactory.getLogger(CachedAnswer.class);
    public static final String CONTENT_TYPE = "content-type";

    /** The answer to {@code lookup}'s hit, logged. */
    public static CachedAnswer of(String requestId, RouteClient.Routed routed, CacheLookup lookup, boolean stream) {
        LOGGER.atInfo().setMessage("cache_hit").addKeyValue("request_id", requestId)
                .addKeyValue("decision", lookup.query().decision()).addKeyValue("exact", lookup.hit().exact())
                .addKeyValue("similarity", Math.round(lookup.hit().similarity() * 10_000) / 10_000.0).log();
        Map<String, String> headers = DecisionHeaders.of(requestId, routed.model().name(), routed.decision());
        headers.put(DecisionHeaders.CACHE, DecisionHeaders.CACHE_HIT);
        headers.put(DecisionHeaders.CACHE_SIMILARITY, String.format(Locale.ROOT, "%.4f", lookup.hit().similarity()));
        headers.put(CONTENT_TYPE, stream ? CachedReplay.EVENT_STREAM : CachedReplay.JSON);
        return new CachedAnswer(headers, stream ? CachedReplay.asEventStream(lookup.hit().response())
                : CachedReplay.asJson(lookup.hit().response()));
    }

    /** The hit's outcome event, once it has been answered: what it saved, and no answer of the model's. */
    public static OutcomeEvent outcome(String requestId, RouteClient.Routed routed, CacheLookup lookup) {
        double servedInMs = (System.nanoTime() - lookup.startNanos()) / 1e6;
        return OutcomeEvent.cacheHit(requestId, routed.model().name(), lookup.query().decision(), servedInMs,
                lookup.hit().use(servedInMs));
    }
}
