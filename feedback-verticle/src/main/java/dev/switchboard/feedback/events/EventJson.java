package dev.switchboard.feedback.events;

import dev.switchboard.contracts.bus.CacheUse;
import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.RouteDecision;
import dev.switchboard.selection.learning.Floats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON values of the event topics, schema version {@value #SCHEMA_VERSION}; documented field by field in
 * {@code docs/events.md}. Every event has {@code schema_version}, {@code type}, {@code event_id} (for de-duplication),
 * {@code request_id} (also the record key), {@code timestamp} (ISO-8601) and {@code instance} (the Switchboard
 * process that wrote it).
 */
public final class EventJson {

    public static final int SCHEMA_VERSION = 1;

    private EventJson() {
    }

    private static JsonObject envelope(String type, String eventId, String requestId, long timestampMillis,
            String instance) {
        return new JsonObject()
                .put(EventFields.SCHEMA_VERSION, SCHEMA_VERSION)
                .put(EventFields.TYPE, type)
                .put(EventFields.EVENT_ID, eventId)
                .put(EventFields.REQUEST_ID, requestId)
                .put(EventFields.TIMESTAMP, Instant.ofEpochMilli(timestampMillis).toString())
                .put(EventFields.INSTANCE, instance);
    }

    /**
     * A routing decision, with what the response cache made of its request ({@code cache}: {@code hit}, and on a hit
     * its {@code similarity} and {@code exact}) when it was looked up.
     */
    public static JsonObject decision(DecisionRecord record, String eventId, String instance, boolean includePrompt,
            CacheUse cache) {
        JsonObject json = decision(record, eventId, instance, includePrompt);
        if (cache != null) {
            json.put(EventFields.CACHE, cacheLookup(cache));
        }
        return json;
    }

    /** {@code {hit}}, and on a hit its {@code similarity} and {@code exact}. */
    private static JsonObject cacheLookup(CacheUse cache) {
        JsonObject use = new JsonObject().put(EventFields.CACHE_HIT, cache.hit());
        if (cache.hit()) {
            use.put(EventFields.SIMILARITY, cache.similarity()).put(EventFields.EXACT, cache.exact());
        }
        return use;
    }

    /** A routing decision. The prompt's text only if {@code includePrompt}; its SHA-256 always. */
    public static JsonObject decision(DecisionRecord record, String eventId, String instance, boolean includePrompt) {
        RouteDecision d = record.decision();
        JsonArray candidates = new JsonArray();
        for (CandidateScore c : d.candidates()) {
            candidates.add(new JsonObject().put(EventFields.MODEL, c.model()).put(EventFields.SCORE, c.score())
                    .put(EventFields.COMPONENTS, new JsonObject(new LinkedHashMap<>(c.components()))));
        }
        JsonObject json = envelope(EventFields.DECISION_EVENT, eventId, d.requestId(), record.timestampMillis(),
                instance)
                .put(EventFields.REQUESTED_MODEL, d.requestedModel())
                .put(EventFields.SELECTED_MODEL, d.selectedModel())
                .put(EventFields.PROVIDER_MODEL_ID, d.providerModelId())
                .put(EventFields.BACKEND, d.backend())
                .put(EventFields.DECISION, d.decision())
                .put(EventFields.ALGORITHM, d.algorithm())
                .put(EventFields.REASON_CODE, d.reason().code())
                .put(EventFields.CONFIDENCE, d.confidence())
                .put(EventFields.ROUTING_LATENCY_MS, d.routingMicros() / 1000.0)
                .put(EventFields.CONFIG_REVISION, d.configRevision())
                .put(EventFields.CANDIDATES, candidates)
                .put(EventFields.SESSION_ID, record.sessionId())
                .put(EventFields.USER_ID, record.userId())
                .put(EventFields.PROMPT_SHA256, sha256(record.userMessage()));
        if (includePrompt) {
            json.put(EventFields.PROMPT_TEXT, record.userMessage());
        }
        if (record.promptVector() != null) {
            json.put(EventFields.EMBEDDING, new JsonObject().put(EventFields.MODEL, record.embeddingModel())
                    .put(EventFields.DIMENSION, record.promptVector().length)
                    .put(EventFields.VECTOR, encode(record.promptVector())));
        }
        if (!record.prior().isEmpty()) {
            json.put(EventFields.PRIOR, new JsonObject(new LinkedHashMap<>(record.prior())));
        }
        return json;
    }

    /**
     * How a response went. {@code success}: 2xx; 429 and 5xx are failures, like every other status.
     * {@code backend_answered}: false when Switchboard answered for a backend it could not reach, or from the cache.
     * {@code cost_usd} and {@code costliest_cost_usd}: see {@link OutcomeCost}. {@code cache}: present when the
     * decision caches; on a hit, what it saved ({@code saved_cost_usd}: the stored answer's tokens at the model's
     * prices; null without them).
     */
    public static JsonObject outcome(OutcomeEvent o, String eventId, String instance, long timestampMillis,
            OutcomeCost cost) {
        JsonObject json = outcome(o, eventId, instance, timestampMillis, cost.costUsd())
                .put(EventFields.COSTLIEST_COST_USD, cost.costliestUsd());
        CacheUse cache = o.cache();
        if (cache != null) {
            JsonObject use = cacheLookup(cache);
            if (cache.hit()) {
                use.put(EventFields.SAVED_LATENCY_MS, cache.savedLatencyMs())
                        .put(EventFields.SAVED_PROMPT_TOKENS, cache.savedPromptTokens())
                        .put(EventFields.SAVED_COMPLETION_TOKENS, cache.savedCompletionTokens())
                        .put(EventFields.SAVED_COST_USD, cost.savedCostUsd());
            }
            json.put(EventFields.CACHE, use);
        }
        return json;
    }

    private static JsonObject outcome(OutcomeEvent o, String eventId, String instance, long timestampMillis,
            Double costUsd) {
        return envelope(EventFields.OUTCOME_EVENT, eventId, o.requestId(), timestampMillis, instance)
                .put(EventFields.MODEL, o.model())
                .put(EventFields.DECISION, o.decision())
                .put(EventFields.STATUS, o.status())
                .put(EventFields.SUCCESS, o.status() >= 200 && o.status() < 300)
                .put(EventFields.BACKEND_ANSWERED, o.backendAnswered())
                .put(EventFields.LATENCY_MS, o.latencyMs())
                .put(EventFields.TTFT_MS, o.ttftMs())
                .put(EventFields.TPOT_MS, o.tpotMs())
                .put(EventFields.PROMPT_TOKENS, o.promptTokens())
                .put(EventFields.COMPLETION_TOKENS, o.completionTokens())
                .put(EventFields.COST_USD, costUsd);
    }

    /**
     * Explicit feedback, with the model and decision of the request it is about, and the strengths of the decision's
     * candidates (so that what a verdict's direction means is fixed when it is given, whatever the config later).
     */
    public static JsonObject feedback(FeedbackSubmission f, String eventId, String instance, long timestampMillis,
            String model, String decision, Map<String, Double> candidateStrength) {
        JsonObject json = envelope(EventFields.FEEDBACK_EVENT, eventId, f.requestId(), timestampMillis, instance)
                .put(EventFields.FEEDBACK_TYPE, f.type())
                .put(EventFields.MODEL, model)
                .put(EventFields.DECISION, decision)
                .put(EventFields.SCORE, f.score())
                .put(EventFields.WINNER, f.winner())
                .put(EventFields.LOSER, f.loser())
                .put(EventFields.VERDICT, f.verdict())
                .put(EventFields.CORRECTED_MODEL, f.model())
                .put(EventFields.DOMAIN, f.domain())
                .put(EventFields.USER_ID, f.userId());
        if (!candidateStrength.isEmpty()) {
            json.put(EventFields.CANDIDATE_STRENGTH, new JsonObject(new LinkedHashMap<>(candidateStrength)));
        }
        return json;
    }

    /** A JSON object of numbers as a map (a prior, strengths); empty when absent. */
    public static Map<String, Double> numbers(JsonObject json) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (json != null) {
            json.forEach(entry -> {
                if (entry.getValue() instanceof Number number) {
                    out.put(entry.getKey(), number.doubleValue());
                }
            });
        }
        return out;
    }

    public static long timestampMillis(JsonObject event) {
        return Instant.parse(event.getString(EventFields.TIMESTAMP)).toEpochMilli();
    }

    /** A unit vector as base64 of little-endian float32s: 4 bytes a dimension, exact. */
    public static String encode(float[] vector) {
        return Floats.encode(vector);
    }

    public static float[] decode(String base64) {
        return Floats.decode(base64);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
