package dev.switchboard.proxy.dashboard;

import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.RouteDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last decisions the router published, for the dashboard: ids, model, decision, algorithm, confidence, reason and
 * routing time, never the prompt (the record's text and vector are not copied). Bounded: the oldest goes when full.
 */
final class RecentDecisions {

    static final int CAPACITY = 50;

    private record Recent(String requestId, long timestampMillis, String decision, String model, String algorithm,
            double confidence, String reason, double routingMs) {
    }

    private final Deque<Recent> recent = new ArrayDeque<>(CAPACITY);

    synchronized void add(DecisionRecord record) {
        RouteDecision d = record.decision();
        if (recent.size() == CAPACITY) {
            recent.removeLast();
        }
        recent.addFirst(new Recent(d.requestId(), record.timestampMillis(), d.decision(), d.selectedModel(),
                d.algorithm(), d.confidence(), d.reason().code(), d.routingMicros() / 1000.0));
    }

    /** Newest first. */
    synchronized JsonArray json() {
        JsonArray out = new JsonArray();
        for (Recent r : recent) {
            out.add(new JsonObject().put("request_id", r.requestId())
                    .put("time", Instant.ofEpochMilli(r.timestampMillis()).toString()).put("decision", r.decision())
                    .put("model", r.model()).put("algorithm", r.algorithm()).put("confidence", r.confidence())
                    .put("reason", r.reason()).put("routing_ms", r.routingMs()));
        }
        return out;
    }
}
