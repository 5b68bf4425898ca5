package dev.switchboard.proxy.openai;

import dev.switchboard.contracts.bus.CallerFacts;
import dev.switchboard.contracts.bus.ConversationShape;
import dev.switchboard.contracts.bus.RouteRequest;
import dev.switchboard.contracts.config.ProxyConfig;
import dev.switchboard.contracts.config.RequestRewrite;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OpenAI chat completions body, read once: the requested model, the text the router classifies (the latest user
 * message; the non-user messages joined when there is none, as the reference does), a bounded window of earlier
 * user turns and a token estimate. The body itself is kept so that its {@code model} can be rewritten without
 * touching anything else.
 */
public final class ChatRequest {

    /** Earlier user turns passed to the router. */
    static final int EARLIER_TURNS = RouteRequest.MAX_EARLIER_TURNS;

    private final JsonObject body;
    private final String model;
    private final String userMessage;
    private final List<String> earlierTurns;
    private final int estimatedTokens;
    private final ConversationShape shape;
    private final CallerFacts caller;

    private ChatRequest(JsonObject body, String model, String userMessage, List<String> earlierTurns,
            int estimatedTokens, ConversationShape shape, CallerFacts caller) {
        this.body = body;
        this.model = model;
        this.userMessage = userMessage;
        this.earlierTurns = earlierTurns;
        this.estimatedTokens = estimatedTokens;
        this.shape = shape;
        this.caller = caller;
    }

    /** A body that is not a usable chat request: what is wrong, the field (OpenAI's {@code param}) and a code. */
    public static final class InvalidRequestException extends Exception {
        private final String param;
        private final String code;

        InvalidRequestException(String message, String param, String code) {
            super(message);
            this.param = param;
            this.code = code;
        }

        /** The offending field, as {@code messages[2].role}; null when the body as a whole is wrong. */
        public String param() {
            return param;
        }

        /** OpenAI's error code ({@code missing_required_parameter}, {@code invalid_type}, ...); may be null. */
        public String code() {
            return code;
        }

        /** The OpenAI-style error body. */
        public JsonObject toError() {
            return ApiError.of(getMessage(), ApiError.INVALID_REQUEST, code, param);
        }
    }

    /**
     * What a chat body may hold ({@code global.proxy}).
     *
     * @param maxJsonDepth deepest nesting of objects and arrays
     * @param maxMessages  most entries in {@code messages}
     */
    public record Limits(int maxJsonDepth, int maxMessages) {

        public static Limits of(ProxyConfig proxy) {
            return new Limits(proxy.maxJsonDepth(), proxy.maxMessages());
        }
    }

    /** The roles the OpenAI API accepts. */
    static final List<String> ROLES = List.of("system", "developer", "user", "assistant", "tool", "function");

    /** With the default limits. */
    public static ChatRequest parse(Buffer bytes) throws InvalidRequestException {
        return parse(bytes, Limits.of(ProxyConfig.defaults()));
    }

    /**
     * Reads and checks the body as the OpenAI API does before it spends anything on it: a JSON object within the
     * limits, a model, messages with known roles and the content their role requires, {@code stream} a boolean, and
     * the other parameters the API knows of their types and in their ranges ({@link ChatParameters}).
     */
    public static ChatRequest parse(Buffer bytes, Limits limits) throws InvalidRequestException {
        JsonObject body;
        try {
            body = JsonBody.parse(bytes, limits.maxJsonDepth(), "global.proxy.max_json_depth");
        } catch (JsonBody.InvalidJsonException e) {
            throw new InvalidRequestException(e.getMessage(), null, null);
        }
        Object model = body.getValue("model");
        if (model == null) {
            throw missing("model");
        }
        if (!(model instanceof String name) || name.isBlank()) {
            throw invalidType("model", "a non-empty string", model);
        }
        Object stream = body.getValue("stream");
        if (stream != null && !(stream instanceof Boolean)) {
            throw invalidType("stream", "a boolean", stream);
        }
        Object messages = body.getValue("messages");
        if (messages == null) {
            throw missing("messages");
        }
        if (!(messages instanceof JsonArray list)) {
            throw invalidType("messages", "an array", messages);
        }
        if (list.isEmpty()) {
            throw new InvalidRequestException("Invalid 'messages': empty array. Expected an array with minimum "
                    + "length 1, but got an empty array instead.", "messages", "empty_array");
        }
        if (list.size() > limits.maxMessages()) {
            throw new InvalidRequestException("Invalid 'messages': array too long. Expected an array with maximum "
                    + "length " + limits.maxMessages() + ", but got an array with length " + list.size()
                    + " instead (global.proxy.max_messages).", "messages", "array_above_max_length");
        }
        List<String> userTurns = new ArrayList<>();
        StringBuilder others = new StringBuilder();
        long characters = 0;
        for (int i = 0; i < list.size(); i++) {
            String at = "messages[" + i + "]";
            if (!(list.getValue(i) instanceof JsonObject message)) {
                throw invalidType(at, "an object", list.getValue(i));
            }
            String role = role(message, at);
            String text = textOf(message, role, at);
            checkTurn(message, role, at);
            characters += text.length();
            if ("user".equals(role)) {
                userTurns.add(text);
            } else if (!text.isEmpty()) {
                others.append(others.length() == 0 ? "" : "\n").append(text);
            }
        }
        ChatParameters.check(body);
        String latest = userTurns.isEmpty() ? others.toString() : userTurns.get(userTurns.size() - 1);
        List<String> earlier = userTurns.isEmpty() ? List.of()
                : List.copyOf(userTurns.subList(Math.max(0, userTurns.size() - 1 - EARLIER_TURNS),
                        userTurns.size() - 1));
        // About four characters per token for English text; enough for context-range rules.
        return new ChatRequest(body, name, latest, earlier, (int) Math.min(Integer.MAX_VALUE, characters / 4 + 1),
                ConversationShapes.of(body, list), new CallerFacts(null, List.of(), metadata(body)));
    }

    private static String role(JsonObject message, String at) throws InvalidRequestException {
        Object role = message.getValue("role");
        if (role == null) {
            throw missing(at + ".role");
        }
        if (!(role instanceof String name)) {
            throw invalidType(at + ".role", "a string", role);
        }
        if (!ROLES.contains(name)) {
            throw new InvalidRequestException("Invalid value for '" + at + ".role': supported values are "
                    + String.join(", ", ROLES.stream().map(r -> "'" + r + "'").toList()) + ".", at + ".role",
                    "invalid_value");
        }
        return name;
    }

    /**
     * Text of a message's content: a string, or the text parts of an array of content parts. Content is required
     * except for an assistant message that calls tools or a function instead.
     */
    private static String textOf(JsonObject message, String role, String at) throws InvalidRequestException {
        Object content = message.getValue("content");
        if (content == null) {
            boolean calls = message.getValue("tool_calls") != null || message.getValue("function_call") != null
                    || message.getValue("audio") != null;
            if ("assistant".equals(role) && calls) {
                return "";
            }
            throw missing(at + ".content");
        }
        if (content instanceof String text) {
            return text;
        }
        if (!(content instanceof JsonArray parts)) {
            throw invalidType(at + ".content", "a string or an array of content parts", content);
        }
        if (parts.isEmpty()) {
            throw new InvalidRequestException("Invalid '" + at + ".content': empty array. Expected an array with "
                    + "minimum length 1, but got an empty array instead.", at + ".content", "empty_array");
        }
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < parts.size(); p++) {
            String partAt = at + ".content[" + p + "]";
            if (!(parts.getValue(p) instanceof JsonObject part)) {
                throw invalidType(partAt, "an object", parts.getValue(p));
            }
            if (!(part.getValue("type") instanceof String type)) {
                throw part.getValue("type") == null ? missing(partAt + ".type")
                        : invalidType(partAt + ".type", "a string", part.getValue("type"));
            }
            if ("text".equals(type)) {
                if (!(part.getValue("text") instanceof String t)) {
                    throw part.getValue("text") == null ? missing(partAt + ".text")
                            : invalidType(partAt + ".text", "a string", part.getValue("text"));
                }
                text.append(text.length() == 0 ? "" : "\n").append(t);
            }
        }
        return text.toString();
    }

    /** What a turn carries beside its content: a name, the calls of an assistant, the call a tool answers. */
    private static void checkTurn(JsonObject message, String role, String at) throws InvalidRequestException {
        Object name = message.getValue("name");
        if (name != null && !(name instanceof String)) {
            throw invalidType(at + ".name", "a string", name);
        }
        Object calls = message.getValue("tool_calls");
        if (calls != null && !(calls instanceof JsonArray)) {
            throw invalidType(at + ".tool_calls", "an array", calls);
        }
        if ("tool".equals(role)) {
            Object callId = message.getValue("tool_call_id");
            if (callId == null) {
                throw missing(at + ".tool_call_id");
            }
            if (!(callId instanceof String)) {
                throw invalidType(at + ".tool_call_id", "a string", callId);
            }
        }
    }

    static InvalidRequestException missing(String param) {
        return new InvalidRequestException("Missing required parameter: '" + param + "'.", param,
                "missing_required_parameter");
    }

    static InvalidRequestException invalidType(String param, String expected, Object got) {
        return new InvalidRequestException("Invalid type for '" + param + "': expected " + expected + ", but got "
                + TypeNames.of(got) + " instead.", param, "invalid_type");
    }

    public String model() {
        return model;
    }

    public String userMessage() {
        return userMessage;
    }

    /** A copy of the whole body, as the client sent it. */
    public JsonObject json() {
        return body.copy();
    }

    /** The body's {@code user}: the end user the client names; null when absent or not text. */
    public String user() {
        return body.getValue("user") instanceof String user && !user.isBlank() ? user : null;
    }

    /** Whether the client asked for server-sent events ({@code "stream": true}). */
    public boolean streams() {
        return Boolean.TRUE.equals(body.getValue("stream"));
    }

    public RouteRequest toRouteRequest(String requestId, String sessionId, String userId, boolean dryRun,
            String ingress, long answerByNanos) {
        return new RouteRequest(requestId, model, userMessage, earlierTurns, estimatedTokens, sessionId, userId,
                dryRun, ingress, answerByNanos, shape, caller);
    }

    /**
     * This request as a gateway that authenticated its caller forwards it: with the user and groups of its
     * {@code x-authz-*} headers, for authz rules. Only ExtProc calls it: the gateway sets (and strips the client's)
     * identity headers, while on the HTTP proxy a client could write them itself.
     */
    public ChatRequest withIdentity(String userId, List<String> groups) {
        return new ChatRequest(body, model, userMessage, earlierTurns, estimatedTokens, shape,
                caller.withIdentity(userId, groups));
    }

    /** The body's {@code metadata} string pairs, the first {@link CallerFacts#MAX_METADATA} of them. */
    private static Map<String, String> metadata(JsonObject body) {
        if (!(body.getValue("metadata") instanceof JsonObject metadata)) {
            return Map.of();
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String key : metadata.fieldNames()) {
            if (pairs.size() == CallerFacts.MAX_METADATA) {
                break;
            }
            if (metadata.getValue(key) instanceof String value) {
                pairs.put(key, value);
            }
        }
        return pairs;
    }

    /** The body with {@code model} replaced and every other field as it was. */
    public Buffer withModel(String providerModelId) {
        return forwarded(providerModelId, RequestRewrite.NONE);
    }

    /** The body to forward: {@code model} replaced and the decision's rewrite applied, on a copy. */
    public Buffer forwarded(String providerModelId, RequestRewrite rewrite) {
        JsonObject forwarded = body.copy().put("model", providerModelId);
        RequestRewriter.apply(forwarded, rewrite);
        return forwarded.toBuffer();
    }
}
