package dev.switchboard.contracts.trace;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The names in Switchboard's traces: span names and attribute keys, which trace backends, dashboards and queries
 * depend on. Where OpenTelemetry's semantic conventions have a name (GenAI, HTTP, messaging) it is used; Switchboard's
 * own live under {@code switchboard.}. No attribute ever holds a prompt, a response or a key.
 */
public final class TraceNames {

    /** The Tracer's instrumentation scope. */
    public static final String INSTRUMENTATION = "switchboard";

    // Span names.
    /** A chat request through ExtProc (SERVER, child of the gateway's span). */
    public static final String EXTPROC_CHAT = "switchboard.extproc.chat";
    /** Routing one request (INTERNAL): signals, decision and selection are its children. */
    public static final String ROUTE = "switchboard.route";
    public static final String SIGNALS = "switchboard.signals";
    public static final String DECISION_MATCH = "switchboard.decision";
    public static final String SELECTION = "switchboard.selection";
    /** Embedding one request's texts (INTERNAL), in the embedder. */
    public static final String EMBED = "switchboard.embed";
    /** The HTTP proxy's call to the model, named as GenAI's conventions say: {@code chat {model}} (CLIENT). */
    public static final String GEN_AI_CHAT_PREFIX = "chat ";
    /** A Kafka record produced, named as the messaging conventions say: {@code send {topic}} (PRODUCER). */
    public static final String KAFKA_SEND_PREFIX = "send ";

    // OpenTelemetry semantic conventions.
    public static final AttributeKey<String> GEN_AI_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> GEN_AI_PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> GEN_AI_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<String> GEN_AI_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<Long> GEN_AI_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> GEN_AI_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final String GEN_AI_OPERATION_CHAT = "chat";
    public static final AttributeKey<String> HTTP_METHOD = AttributeKey.stringKey("http.request.method");
    public static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    public static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    public static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    public static final AttributeKey<String> MESSAGING_DESTINATION =
            AttributeKey.stringKey("messaging.destination.name");
    public static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation.type");
    public static final AttributeKey<String> MESSAGING_KAFKA_KEY =
            AttributeKey.stringKey("messaging.kafka.message.key");

    // Switchboard's own.
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("switchboard.request_id");
    public static final AttributeKey<String> INGRESS = AttributeKey.stringKey("switchboard.ingress");
    public static final AttributeKey<String> DECISION = AttributeKey.stringKey("switchboard.decision");
    public static final AttributeKey<Double> DECISION_CONFIDENCE =
            AttributeKey.doubleKey("switchboard.decision.confidence");
    public static final AttributeKey<String> STRATEGY = AttributeKey.stringKey("switchboard.decision.strategy");
    public static final AttributeKey<String> ALGORITHM = AttributeKey.stringKey("switchboard.algorithm");
    public static final AttributeKey<String> MODEL = AttributeKey.stringKey("switchboard.model");
    public static final AttributeKey<Double> CONFIDENCE = AttributeKey.doubleKey("switchboard.confidence");
    public static final AttributeKey<String> REASON = AttributeKey.stringKey("switchboard.reason");
    public static final AttributeKey<Boolean> EXPLORED = AttributeKey.booleanKey("switchboard.selection.explored");
    public static final AttributeKey<Long> CANDIDATES = AttributeKey.longKey("switchboard.selection.candidates");
    public static final AttributeKey<String> CONFIG_REVISION = AttributeKey.stringKey("switchboard.config_revision");
    public static final AttributeKey<List<String>> SIGNALS_MATCHED =
            AttributeKey.stringArrayKey("switchboard.signals.matched");
    public static final AttributeKey<Boolean> PROMPT_EMBEDDED = AttributeKey.booleanKey("switchboard.prompt_embedded");
    public static final AttributeKey<String> LANGUAGE = AttributeKey.stringKey("switchboard.language");
    public static final AttributeKey<String> EMBEDDING_MODEL = AttributeKey.stringKey("switchboard.embedding.model");
    public static final AttributeKey<Long> EMBEDDING_TEXTS = AttributeKey.longKey("switchboard.embedding.texts");
    public static final AttributeKey<Long> EMBEDDING_TOKENS = AttributeKey.longKey("switchboard.embedding.tokens");
    public static final AttributeKey<Long> EMBEDDING_BATCH_SIZE =
            AttributeKey.longKey("switchboard.embedding.batch_size");
    public static final AttributeKey<Boolean> EMBEDDING_CACHE_HIT =
            AttributeKey.booleanKey("switchboard.embedding.cache_hit");
    public static final AttributeKey<String> UNANSWERED = AttributeKey.stringKey("switchboard.unanswered");
    public static final AttributeKey<String> CACHE = AttributeKey.stringKey("switchboard.cache");
    public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("switchboard.backend");

    private TraceNames() {
    }
}
