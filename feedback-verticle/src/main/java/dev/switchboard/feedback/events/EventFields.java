package dev.switchboard.feedback.events;

/**
 * The names in the event topics' JSON: event types and fields, written by {@link EventJson} and read by the
 * learning loop and analytics. Each is documented in {@code docs/events.md}.
 */
public final class EventFields {

    private EventFields() {
    }

    // Event types (the value of TYPE).
    public static final String DECISION_EVENT = "decision";
    public static final String OUTCOME_EVENT = "outcome";
    public static final String FEEDBACK_EVENT = "feedback";
    public static final String RESPONSE_CACHE_ENTRY = "response_cache_entry";

    // The envelope of every event.
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String TYPE = "type";
    public static final String EVENT_ID = "event_id";
    public static final String REQUEST_ID = "request_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String INSTANCE = "instance";
    /** The request's OpenTelemetry trace (32 hex digits) on decision and outcome events; absent when untraced. */
    public static final String TRACE_ID = "trace_id";

    // Decision events.
    public static final String REQUESTED_MODEL = "requested_model";
    public static final String SELECTED_MODEL = "selected_model";
    public static final String PROVIDER_MODEL_ID = "provider_model_id";
    public static final String BACKEND = "backend";
    public static final String DECISION = "decision";
    public static final String ALGORITHM = "algorithm";
    public static final String REASON_CODE = "reason_code";
    public static final String CONFIDENCE = "confidence";
    public static final String ROUTING_LATENCY_MS = "routing_latency_ms";
    public static final String CONFIG_REVISION = "config_revision";
    public static final String CANDIDATES = "candidates";
    public static final String SCORE = "score";
    public static final String COMPONENTS = "components";
    public static final String SESSION_ID = "session_id";
    public static final String USER_ID = "user_id";
    public static final String PROMPT_SHA256 = "prompt_sha256";
    public static final String PROMPT_TEXT = "prompt_text";
    public static final String EMBEDDING = "embedding";
    public static final String DIMENSION = "dimension";
    public static final String VECTOR = "vector_f32le_base64";
    public static final String PRIOR = "prior";

    // Outcome events.
    public static final String MODEL = "model";
    public static final String STATUS = "status";
    public static final String SUCCESS = "success";
    public static final String BACKEND_ANSWERED = "backend_answered";
    public static final String LATENCY_MS = "latency_ms";
    public static final String TTFT_MS = "ttft_ms";
    public static final String TPOT_MS = "tpot_ms";
    public static final String PROMPT_TOKENS = "prompt_tokens";
    public static final String COMPLETION_TOKENS = "completion_tokens";
    public static final String COST_USD = "cost_usd";
    /** The same tokens on the decision's most expensive priced candidate: the baseline of a routing saving. */
    public static final String COSTLIEST_COST_USD = "costliest_cost_usd";
    /** An object, present when the request's decision caches: {@link #CACHE_HIT} and, on a hit, the rest below. */
    public static final String CACHE = "cache";
    public static final String CACHE_HIT = "hit";
    public static final String SIMILARITY = "similarity";
    public static final String EXACT = "exact";
    public static final String SAVED_LATENCY_MS = "saved_latency_ms";
    public static final String SAVED_PROMPT_TOKENS = "saved_prompt_tokens";
    public static final String SAVED_COMPLETION_TOKENS = "saved_completion_tokens";
    public static final String SAVED_COST_USD = "saved_cost_usd";

    // Response cache entries (the shared cache's topic); MODEL, PROMPT_TOKENS, COMPLETION_TOKENS, LATENCY_MS and
    // VECTOR as above.
    public static final String PARTITION = "partition";
    public static final String EXACT_KEY = "exact_key";
    public static final String GUARD = "guard";
    public static final String CONTENT_TYPE = "content_type";
    public static final String BODY = "body_base64";
    public static final String TTL_MS = "ttl_ms";

    // Feedback events.
    public static final String FEEDBACK_TYPE = "feedback_type";
    public static final String WINNER = "winner";
    public static final String LOSER = "loser";
    public static final String VERDICT = "verdict";
    public static final String CORRECTED_MODEL = "corrected_model";
    /** Feedback of type {@code domain}: the prompt's subject. */
    public static final String DOMAIN = "domain";
    public static final String CANDIDATE_STRENGTH = "candidate_strength";
}
