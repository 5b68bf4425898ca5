package dev.switchboard.feedback.events;

import dev.switchboard.contracts.bus.CandidateScore;
import dev.switchboard.contracts.bus.DecisionRecord;
import dev.switchboard.contracts.bus.FeedbackSubmission;
import dev.switchboard.contracts.bus.OutcomeEvent;
import dev.switchboard.contracts.bus.RouteDecision;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;

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
        return new JsonObject().put("schema_version", SCHEMA_VERSION).put("type", type).put("event_id", eventId)
                .put("request_id", requestId).put("timestamp", Instant.ofEpochMilli(timestampMillis).toString())
                .put("instance", instance);
    }

    /** A routing decision. The prompt's text only if {@code includePrompt}; its SHA-256 always. */
    public static JsonObject decision(DecisionRecord record, String eventId, String instance, boolean includePrompt) {
        RouteDecision d = record.decision();
        JsonArray candidates = new JsonArray();
        for (CandidateScore c : d.candidates()) {
            candidates.add(new JsonObject().put("model", c.model()).put("score", c.score())
                    .put("components", new JsonObject(new LinkedHashMap<>(c.components()))));
        }
        JsonObject json = envelope("decision", eventId, d.requestId(), record.timestampMillis(), instance)
                .put("requested_model", d.requestedModel())
                .put("selected_model", d.selectedModel())
                .put("provider_model_id", d.providerModelId())
                .put("backend", d.backend())
                .put("decision", d.decision())
                .put("algorithm", d.algorithm())
                .put("reason_code", d.reason().code())
                .put("confidence", d.confidence())
                .put("routing_latency_ms", d.routingMicros() / 1000.0)
                .put("config_revision", d.configRevision())
                .put("candidates", candidates)
                .put("session_id", record.sessionId())
                .put("user_id", record.userId())
                .put("prompt_sha256", sha256(record.userMessage()));
        if (includePrompt) {
            json.put("prompt_text", record.userMessage());
        }
        if (record.promptVector() != null) {
            json.put("embedding", new JsonObject().put("model", record.embeddingModel())
                    .put("dimension", record.promptVector().length)
                    .put("vector_f32le_base64", encode(record.promptVector())));
        }
        return json;
    }

    /** How a response went. {@code success}: 2xx; 429 and 5xx are failures, like every other status. */
    public static JsonObject outcome(OutcomeEvent o, String eventId, String instance, long timestampMillis,
            Double costUsd) {
        return envelope("outcome", eventId, o.requestId(), timestampMillis, instance)
                .put("model", o.model())
                .put("decision", o.decision())
                .put("status", o.status())
                .put("success", o.status() >= 200 && o.status() < 300)
                .put("latency_ms", o.latencyMs())
                .put("ttft_ms", o.ttftMs())
                .put("tpot_ms", o.tpotMs())
                .put("prompt_tokens", o.promptTokens())
                .put("completion_tokens", o.completionTokens())
                .put("cost_usd", costUsd);
    }

    /** Explicit feedback, with the model and decision of the request it is about. */
    public static JsonObject feedback(FeedbackSubmission f, String eventId, String instance, long timestampMillis,
            String model, String decision) {
        return envelope("feedback", eventId, f.requestId(), timestampMillis, instance)
                .put("feedback_type", f.type())
                .put("model", model)
                .put("decision", decision)
                .put("score", f.score())
                .put("winner", f.winner())
                .put("loser", f.loser())
                .put("verdict", f.verdict())
                .put("user_id", f.userId());
    }

    public static long timestampMillis(JsonObject event) {
        return Instant.parse(event.getString("timestamp")).toEpochMilli();
    }

    /** A unit vector as base64 of little-endian float32s: 4 bytes a dimension, exact. */
    public static String encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            bytes.putFloat(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    public static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.remaining() / Float.BYTES];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = bytes.getFloat();
        }
        return vector;
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
