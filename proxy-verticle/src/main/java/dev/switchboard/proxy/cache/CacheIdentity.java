package dev.switchboard.proxy.cache;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a chat request must share with another for one's answer to serve the other, as the reference's
 * {@code request_identity.go} defines it: the {@link #exactKey} is the whole request, the {@link #context} is the
 * request with the last user message's content left out, so that a semantic hit (the prompts mean the same) still
 * needs the same system prompt, earlier turns, tools, response format and generation parameters. Both leave out
 * what does not change the answer: the model asked for (the routed model is matched separately), {@code stream}
 * (a hit is replayed either way), the user (the scope decides who shares), and the request's bookkeeping. Keys are
 * SHA-256 of a canonical JSON (keys sorted), so field order does not matter.
 *
 * @param exactKey the fingerprint of the whole request
 * @param context  the fingerprint of everything but the last user message's content
 */
public record CacheIdentity(String exactKey, String context) {

    /** Fields that do not change the answer: left out of both fingerprints. */
    private static final Set<String> NOT_THE_ANSWER = Set.of("model", "stream", "stream_options", "user", "metadata",
            "store", "service_tier", "safety_identifier", "prompt_cache_key");
    /** Stands for the last user message's content in {@link #context}. */
    private static final String PROMPT_PLACEHOLDER = "\u0000prompt";

    /**
     * The identity of {@code body}, or empty when its answer must not be cached: it may call tools, asks for more than
     * one choice, or samples ({@code temperature} above 0) while the operator has not allowed that. A request that
     * sets no temperature is cached: the operator chose to cache the route, and most clients never set one.
     */
    public static Optional<CacheIdentity> of(JsonObject body, boolean cacheSampled) {
        if (!cacheable(body, cacheSampled)) {
            return Optional.empty();
        }
        JsonObject answerFields = new JsonObject();
        body.forEach(field -> {
            if (!NOT_THE_ANSWER.contains(field.getKey())) {
                answerFields.put(field.getKey(), field.getValue());
            }
        });
        String exact = sha256(canonical(answerFields));
        JsonArray messages = answerFields.getValue("messages") instanceof JsonArray list ? list.copy() : null;
        if (messages != null) {
            for (int i = messages.size() - 1; i >= 0; i--) {
                if (messages.getValue(i) instanceof JsonObject message && "user".equals(message.getValue("role"))) {
                    messages.set(i, message.copy().put("content", PROMPT_PLACEHOLDER));
                    break;
                }
            }
            answerFields.put("messages", messages);
        }
        return Optional.of(new CacheIdentity(exact, sha256(canonical(answerFields))));
    }

    private static boolean cacheable(JsonObject body, boolean cacheSampled) {
        if (nonEmpty(body.getValue("tools")) || nonEmpty(body.getValue("functions"))) {
            return false;
        }
        if (body.getValue("n") instanceof Number n && n.doubleValue() > 1) {
            return false;
        }
        return cacheSampled || !(body.getValue("temperature") instanceof Number t && t.doubleValue() > 0);
    }

    private static boolean nonEmpty(Object value) {
        return value instanceof JsonArray array ? !array.isEmpty() : value != null;
    }

    /** JSON with every object's keys in order, so that equal requests give equal text. */
    private static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value instanceof JsonObject object) {
            out.append('{');
            boolean first = true;
            for (String key : new TreeSet<>(object.fieldNames())) {
                out.append(first ? "" : ",").append(Json.encode(key)).append(':');
                write(object.getValue(key), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof JsonArray array) {
            out.append('[');
            for (int i = 0; i < array.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(array.getValue(i), out);
            }
            out.append(']');
        } else {
            out.append(Json.encode(value));
        }
    }

    /** Hex SHA-256 of the text's UTF-8 bytes; {@link PromptGuard} keys long prompts by it too. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
