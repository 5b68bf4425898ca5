package dev.switchboard.proxy.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cached answer served in the form the client asked for, whatever form it was stored in: a chat completion
 * object for {@code stream: false}, server-sent events of {@code chat.completion.chunk}s ending with
 * {@code data: [DONE]} for {@code stream: true}. A stream is replayed as it was recorded; a JSON answer becomes
 * a role chunk, one content chunk, a finish chunk and, when it had usage, a usage chunk (what OpenAI sends with
 * {@code stream_options.include_usage}). A recorded stream becomes one JSON answer by joining its deltas.
 */
public final class CachedReplay {

    public static final String JSON = "application/json";
    public static final String EVENT_STREAM = "text/event-stream";
    private static final String DONE = "[DONE]";

    private CachedReplay() {
    }

    /** Whether {@code body} of {@code contentType} is a whole answer worth keeping: parseable, and a stream ended. */
    public static boolean complete(String contentType, byte[] body) {
        if (isStream(contentType)) {
            List<String> events = events(body);
            return !events.isEmpty() && DONE.equals(events.get(events.size() - 1));
        }
        return json(body) != null;
    }

    public static boolean isStream(String contentType) {
        return contentType != null && contentType.startsWith(EVENT_STREAM);
    }

    /** The answer as one chat completion object. */
    public static Buffer asJson(CachedResponse response) {
        if (!isStream(response.contentType())) {
            return Buffer.buffer(response.body());
        }
        JsonObject completion = null;
        StringBuilder content = new StringBuilder();
        String role = "assistant";
        Object finishReason = null;
        JsonObject usage = null;
        for (String event : events(response.body())) {
            JsonObject chunk = DONE.equals(event) ? null : json(event.getBytes(StandardCharsets.UTF_8));
            if (chunk == null) {
                continue;
            }
            if (completion == null) {
                completion = new JsonObject().put("id", chunk.getValue("id")).put("object", "chat.completion")
                        .put("created", chunk.getValue("created")).put("model", chunk.getValue("model"));
            }
            if (chunk.getValue("usage") instanceof JsonObject u) {
                usage = u;
            }
            if (chunk.getValue("choices") instanceof JsonArray choices && !choices.isEmpty()
                    && choices.getValue(0) instanceof JsonObject choice) {
                if (choice.getValue("delta") instanceof JsonObject delta) {
                    if (delta.getValue("role") instanceof String r) {
                        role = r;
                    }
                    if (delta.getValue("content") instanceof String text) {
                        content.append(text);
                    }
                }
                if (choice.getValue("finish_reason") != null) {
                    finishReason = choice.getValue("finish_reason");
                }
            }
        }
        JsonObject answer = completion == null ? new JsonObject().put("object", "chat.completion") : completion;
        answer.put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                .put("message", new JsonObject().put("role", role).put("content", content.toString()))
                .put("finish_reason", finishReason == null ? "stop" : finishReason)));
        if (usage != null) {
            answer.put("usage", usage);
        }
        return answer.toBuffer();
    }

    /** The answer as server-sent events, {@code data: [DONE]} last. */
    public static Buffer asEventStream(CachedResponse response) {
        if (isStream(response.contentType())) {
            return Buffer.buffer(response.body());
        }
        JsonObject completion = json(response.body());
        Buffer out = Buffer.buffer();
        JsonObject head = new JsonObject().put("id", completion.getValue("id")).put("object", "chat.completion.chunk")
                .put("created", completion.getValue("created")).put("model", completion.getValue("model"));
        JsonObject message = completion.getValue("choices") instanceof JsonArray choices && !choices.isEmpty()
                && choices.getValue(0) instanceof JsonObject choice && choice.getValue("message") instanceof JsonObject m
                ? m : new JsonObject();
        Object finishReason = completion.getValue("choices") instanceof JsonArray choices && !choices.isEmpty()
                && choices.getValue(0) instanceof JsonObject choice ? choice.getValue("finish_reason") : null;
        String role = message.getValue("role") instanceof String r ? r : "assistant";
        event(out, chunk(head, new JsonObject().put("role", role).put("content", ""), null));
        if (message.getValue("content") instanceof String text && !text.isEmpty()) {
            event(out, chunk(head, new JsonObject().put("content", text), null));
        }
        event(out, chunk(head, new JsonObject(), finishReason == null ? "stop" : finishReason));
        if (completion.getValue("usage") instanceof JsonObject usage) {
            event(out, head.copy().put("choices", new JsonArray()).put("usage", usage));
        }
        return out.appendString("data: " + DONE + "\n\n");
    }

    private static JsonObject chunk(JsonObject head, JsonObject delta, Object finishReason) {
        return head.copy().put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
                .put("finish_reason", finishReason)));
    }

    private static void event(Buffer out, JsonObject chunk) {
        out.appendString("data: ").appendString(chunk.encode()).appendString("\n\n");
    }

    /** The {@code data:} payloads of a recorded stream, in order (multi-line data joined, comments skipped). */
    static List<String> events(byte[] body) {
        List<String> events = new ArrayList<>();
        StringBuilder data = null;
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    events.add(data.toString());
                    data = null;
                }
            } else if (line.startsWith("data:")) {
                String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            events.add(data.toString());
        }
        return events;
    }

    private static JsonObject json(byte[] bytes) {
        try {
            return new JsonObject(Buffer.buffer(bytes));
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }
}
