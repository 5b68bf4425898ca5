package dev.switchboard.proxy.openai;

import dev.switchboard.contracts.bus.RouteRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenAI chat completions body, read once: the requested model, the text the router classifies (the latest user
 * message; the non-user messages joined when there is none, as the reference does), a bounded window of earlier
 * user turns and a token estimate. The body itself is kept so that its {@code model} can be rewritten without
 * touching anything else.
 */
public final class ChatRequest {

    /** Earlier user turns passed to the router. */
    static final int EARLIER_TURNS = 4;

    private final JsonObject body;
    private final String model;
    private final String userMessage;
    private final List<String> earlierTurns;
    private final int estimatedTokens;

    private ChatRequest(JsonObject body, String model, String userMessage, List<String> earlierTurns,
            int estimatedTokens) {
        this.body = body;
        this.model = model;
        this.userMessage = userMessage;
        this.earlierTurns = earlierTurns;
        this.estimatedTokens = estimatedTokens;
    }

    /** A body that is not a usable chat request; the message says why, for a 400 answer. */
    public static final class InvalidRequestException extends Exception {
        public InvalidRequestException(String message) {
            super(message);
        }
    }

    public static ChatRequest parse(Buffer bytes) throws InvalidRequestException {
        JsonObject body;
        try {
            body = new JsonObject(bytes);
        } catch (DecodeException | ClassCastException e) {
            throw new InvalidRequestException("the request body is not a JSON object");
        }
        Object model = body.getValue("model");
        if (!(model instanceof String name) || name.isBlank()) {
            throw new InvalidRequestException("'model' must be a non-empty string");
        }
        Object messages = body.getValue("messages");
        if (!(messages instanceof JsonArray list) || list.isEmpty()) {
            throw new InvalidRequestException("'messages' must be a non-empty array");
        }
        List<String> userTurns = new ArrayList<>();
        StringBuilder others = new StringBuilder();
        long characters = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.getValue(i) instanceof JsonObject message)) {
                throw new InvalidRequestException("'messages[" + i + "]' must be an object");
            }
            String text = textOf(message.getValue("content"), i);
            characters += text.length();
            if ("user".equals(message.getString("role"))) {
                userTurns.add(text);
            } else if (!text.isEmpty()) {
                others.append(others.length() == 0 ? "" : "\n").append(text);
            }
        }
        String latest = userTurns.isEmpty() ? others.toString() : userTurns.get(userTurns.size() - 1);
        List<String> earlier = userTurns.isEmpty() ? List.of()
                : List.copyOf(userTurns.subList(Math.max(0, userTurns.size() - 1 - EARLIER_TURNS),
                        userTurns.size() - 1));
        // About four characters per token for English text; enough for context-range rules.
        return new ChatRequest(body, name, latest, earlier, (int) Math.min(Integer.MAX_VALUE, characters / 4 + 1));
    }

    /** Text of a message's content: a string, or the text parts of an array of content parts. */
    private static String textOf(Object content, int index) throws InvalidRequestException {
        if (content == null) {
            return "";
        }
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof JsonArray parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof JsonObject p && "text".equals(p.getString("type"))
                        && p.getValue("text") instanceof String t) {
                    text.append(text.length() == 0 ? "" : "\n").append(t);
                }
            }
            return text.toString();
        }
        throw new InvalidRequestException("'messages[" + index + "].content' must be a string or an array of parts");
    }

    public String model() {
        return model;
    }

    public String userMessage() {
        return userMessage;
    }

    /** Whether the client asked for server-sent events ({@code "stream": true}). */
    public boolean streams() {
        return Boolean.TRUE.equals(body.getValue("stream"));
    }

    public RouteRequest toRouteRequest(String requestId, String sessionId, String userId, boolean dryRun,
            String ingress) {
        return new RouteRequest(requestId, model, userMessage, earlierTurns, estimatedTokens, sessionId, userId,
                dryRun, ingress);
    }

    /** The body with {@code model} replaced and every other field as it was. */
    public Buffer withModel(String providerModelId) {
        return body.copy().put("model", providerModelId).toBuffer();
    }
}
