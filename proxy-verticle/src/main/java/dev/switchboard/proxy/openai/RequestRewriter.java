package dev.switchboard.proxy.openai;

import dev.switchboard.contracts.config.RequestParamsPlugin;
import dev.switchboard.contracts.config.RequestRewrite;
import dev.switchboard.contracts.config.SystemPromptPlugin;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Applies a decision's {@code system_prompt} and {@code request_params} to the body it forwards, as the reference
 * does: the system prompt replaces or is put before the first system message; blocked fields go, {@code max_tokens}
 * (and {@code max_completion_tokens}) and {@code n} are capped, a default {@code max_tokens} is set, and with
 * {@code strip_unknown} only the Chat Completions API's own top-level fields stay. The body is a copy; the
 * client's is left as it was (the cache keys on it).
 */
final class RequestRewriter {

    /** The Chat Completions API's top-level request fields, which {@code strip_unknown} keeps. */
    private static final Set<String> KNOWN_FIELDS = Set.of("model", "messages", "audio", "frequency_penalty",
            "logit_bias", "logprobs", "max_completion_tokens", "max_tokens", "metadata", "modalities", "n",
            "parallel_tool_calls", "prediction", "presence_penalty", "reasoning_effort", "response_format", "seed",
            "service_tier", "stop", "store", "stream", "stream_options", "temperature", "tool_choice", "tools",
            "top_logprobs", "top_p", "user", "web_search_options", "functions", "function_call");
    private static final String MAX_TOKENS = "max_tokens";
    private static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

    private RequestRewriter() {
    }

    /** Rewrites {@code body} in place. */
    static void apply(JsonObject body, RequestRewrite rewrite) {
        if (rewrite.systemPrompt() != null) {
            systemPrompt(body, rewrite.systemPrompt());
        }
        if (rewrite.params() != null) {
            params(body, rewrite.params());
        }
    }

    private static void systemPrompt(JsonObject body, SystemPromptPlugin plugin) {
        JsonArray messages = body.getJsonArray("messages");
        JsonObject first = messages.isEmpty() ? null : messages.getJsonObject(0);
        boolean hasSystem = first != null && "system".equals(first.getValue("role"));
        String content = plugin.systemPrompt();
        if (hasSystem && SystemPromptPlugin.INSERT.equals(plugin.mode())
                && first.getValue("content") instanceof String existing) {
            content = plugin.systemPrompt() + "\n\n" + existing;
        }
        JsonObject system = new JsonObject().put("role", "system").put("content", content);
        if (hasSystem) {
            messages.set(0, system);
        } else {
            messages.getList().add(0, system);
        }
    }

    private static void params(JsonObject body, RequestParamsPlugin params) {
        params.blockedParams().forEach(body::remove);
        if (params.stripUnknown()) {
            body.fieldNames().removeIf(field -> !KNOWN_FIELDS.contains(field));
        }
        if (params.defaultMaxTokens() != null && !body.containsKey(MAX_TOKENS)
                && !body.containsKey(MAX_COMPLETION_TOKENS)) {
            body.put(MAX_TOKENS, params.defaultMaxTokens());
        }
        cap(body, MAX_TOKENS, params.maxTokensLimit());
        cap(body, MAX_COMPLETION_TOKENS, params.maxTokensLimit());
        cap(body, "n", params.maxN());
    }

    /** Lowers a whole-number field above the limit to it (the body was checked: such a field is a number). */
    private static void cap(JsonObject body, String field, Integer limit) {
        if (limit != null && body.getValue(field) instanceof Number value && value.doubleValue() > limit) {
            body.put(field, limit);
        }
    }
}
