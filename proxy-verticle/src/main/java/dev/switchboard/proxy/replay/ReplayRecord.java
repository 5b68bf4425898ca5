package dev.switchboard.proxy.replay;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.RouteDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One routed request as {@code router_replay} keeps it: the routing facts and, once its response has finished, how
 * it went. Never the prompt or the answer (the decision record's text and vector are not copied).
 *
 * @param requestId  the request's id ({@code x-switchboard-request-id}), the record's id
 * @param timeMillis when the decision was made
 * @param sessionId  the request's session; nullable
 * @param decision   the decision's routing facts
 * @param signals    the signal rules that matched, {@code type:name} to confidence
 * @param outcome    the response's outcome; null until it has finished
 */
record ReplayRecord(String requestId, long timeMillis, String sessionId, RouteDecision decision,
        Map<String, Double> signals, OutcomeEvent outcome) {

    /** Field names of a record in the API's JSON. */
    static final class Fields {
        static final String ID = "id";
        static final String REQUEST_ID = "request_id";
        static final String TIME = "time";
        static final String SESSION_ID = "session_id";
        static final String REQUESTED_MODEL = "requested_model";
        static final String DECISION = "decision";
        static final String MODEL = "model";
        static final String ALGORITHM = "algorithm";
        static final String CONFIDENCE = "confidence";
        static final String REASON = "reason";
        static final String ROUTING_MS = "routing_ms";
        static final String CONFIG_REVISION = "config_revision";
        static final String CANDIDATES = "candidates";
        static final String SCORE = "score";
        static final String SIGNALS = "signals";
        static final String OUTCOME = "outcome";
        static final String STATUS = "status";
        static final String LATENCY_MS = "latency_ms";
        static final String TTFT_MS = "ttft_ms";
        static final String PROMPT_TOKENS = "prompt_tokens";
        static final String COMPLETION_TOKENS = "completion_tokens";
        static final String BACKEND_ANSWERED = "backend_answered";
        static final String CACHE_HIT = "cache_hit";

        private Fields() {
        }
    }

    static ReplayRecord of(DecisionRecord record) {
        return new ReplayRecord(record.decision().requestId(), record.timestampMillis(), record.sessionId(),
                record.decision(), record.signals(), null);
    }

    ReplayRecord withOutcome(OutcomeEvent finished) {
        return new ReplayRecord(requestId, timeMillis, sessionId, decision, signals, finished);
    }

    JsonObject toJson() {
        JsonArray candidates = new JsonArray();
        for (CandidateScore candidate : decision.candidates()) {
            candidates.add(new JsonObject().put(Fields.MODEL, candidate.model()).put(Fields.SCORE, candidate.score()));
        }
        JsonObject json = new JsonObject().put(Fields.ID, requestId).put(Fields.REQUEST_ID, requestId)
                .put(Fields.TIME, Instant.ofEpochMilli(timeMillis).toString()).put(Fields.SESSION_ID, sessionId)
                .put(Fields.REQUESTED_MODEL, decision.requestedModel()).put(Fields.DECISION, decision.decision())
                .put(Fields.MODEL, decision.selectedModel()).put(Fields.ALGORITHM, decision.algorithm())
                .put(Fields.CONFIDENCE, decision.confidence()).put(Fields.REASON, decision.reason().code())
                .put(Fields.ROUTING_MS, decision.routingMicros() / 1000.0)
                .put(Fields.CONFIG_REVISION, decision.configRevision()).put(Fields.CANDIDATES, candidates)
                .put(Fields.SIGNALS, new JsonObject(new TreeMap<String, Object>(signals)));
        if (outcome != null) {
            json.put(Fields.OUTCOME, new JsonObject().put(Fields.STATUS, outcome.status())
                    .put(Fields.LATENCY_MS, outcome.latencyMs()).put(Fields.TTFT_MS, outcome.ttftMs())
                    .put(Fields.PROMPT_TOKENS, outcome.promptTokens())
                    .put(Fields.COMPLETION_TOKENS, outcome.completionTokens())
                    .put(Fields.BACKEND_ANSWERED, outcome.backendAnswered())
                    .put(Fields.CACHE_HIT, outcome.cache() != null && outcome.cache().hit()));
        }
        return json;
    }

    /** Whether the record passes a query's filters (null: any). */
    boolean matches(String decisionName, String model, String reason, String session) {
        return (decisionName == null || decisionName.equals(decision.decision()))
                && (model == null || model.equals(decision.selectedModel()))
                && (reason == null || reason.equals(decision.reason().code()))
                && (session == null || session.equals(sessionId));
    }
}
