package dev.switchboard.proxy.openai;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Measures one chat completion response as it passes, without keeping it: time to first byte of the body, the
 * end, and the usage the backend reports, from a JSON body or from the {@code usage} chunk of a server-sent event
 * stream (the count of content chunks stands in for completion tokens when a stream reports no usage). Only the
 * last {@value #TAIL_BYTES} bytes are kept, where the usage is.
 */
public final class ResponseMeter {

    static final int TAIL_BYTES = 64 * 1024;

    private final long startNanos;
    private long firstChunkNanos = -1;
    private long endNanos = -1;
    private boolean eventStream;
    private int contentChunks;
    private Buffer tail = Buffer.buffer();
    private Integer promptTokens;
    private Integer completionTokens;
    private String responseModel;

    /** @param startNanos when the request was sent to the backend */
    public ResponseMeter(long startNanos) {
        this.startNanos = startNanos;
    }

    public void contentType(String value) {
        eventStream = value != null && value.startsWith("text/event-stream");
    }

    public void chunk(Buffer bytes, long nowNanos) {
        if (firstChunkNanos < 0 && bytes.length() > 0) {
            firstChunkNanos = nowNanos;
        }
        if (eventStream) {
            contentChunks += count(bytes.toString(StandardCharsets.UTF_8), "\"delta\"");
        }
        tail.appendBuffer(bytes);
        if (tail.length() > TAIL_BYTES) {
            tail = tail.getBuffer(tail.length() - TAIL_BYTES, tail.length());
        }
    }

    public void end(long nowNanos) {
        endNanos = nowNanos;
        readUsage();
    }

    private void readUsage() {
        JsonObject usage = null;
        if (eventStream) {
            String text = tail.toString(StandardCharsets.UTF_8);
            String lastWithModel = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("data:") && line.contains("\"usage\"")) {
                    usage = parse(line.substring(5).strip()).getJsonObject("usage", usage);
                }
                if (line.startsWith("data:") && line.contains("\"model\"")) {
                    lastWithModel = line;
                }
            }
            responseModel = lastWithModel == null ? null : model(parse(lastWithModel.substring(5).strip()));
        } else {
            JsonObject body = parse(tail.toString(StandardCharsets.UTF_8));
            usage = body.getJsonObject("usage");
            responseModel = model(body);
        }
        if (usage != null) {
            promptTokens = usage.getInteger("prompt_tokens");
            completionTokens = usage.getInteger("completion_tokens");
        } else if (eventStream && contentChunks > 0) {
            completionTokens = contentChunks;
        }
    }

    private static String model(JsonObject answer) {
        return answer.getValue("model") instanceof String model ? model : null;
    }

    private static JsonObject parse(String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException | ClassCastException e) {
            return new JsonObject();
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }

    public double latencyMs() {
        return (endNanos - startNanos) / 1e6;
    }

    /** Time to the first body byte; null when the body was empty. */
    public Double ttftMs() {
        return firstChunkNanos < 0 ? null : (firstChunkNanos - startNanos) / 1e6;
    }

    /** Time per output token after the first; null when unknown. */
    public Double tpotMs() {
        return firstChunkNanos < 0 || completionTokens == null || completionTokens < 2 ? null
                : (endNanos - firstChunkNanos) / 1e6 / (completionTokens - 1);
    }

    /** The {@code model} the backend says answered, after {@link #end}; null when it said none. */
    public String responseModel() {
        return responseModel;
    }

    public Integer promptTokens() {
        return promptTokens;
    }

    public Integer completionTokens() {
        return completionTokens;
    }
}
