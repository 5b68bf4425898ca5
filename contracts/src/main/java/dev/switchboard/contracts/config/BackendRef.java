package dev.switchboard.contracts.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code providers.models[].backend_refs[]}: a place the model is served.
 *
 * <p>Exactly one of {@code endpoint} ({@code host:port}, with {@code protocol}) and {@code base_url} (a full URL
 * prefix such as {@code https://api.openai.com/v1}) is given.
 *
 * @param name      label used in logs and metrics
 * @param endpoint  {@code host:port}; nullable
 * @param baseUrl   URL prefix; nullable
 * @param protocol  {@code http} or {@code https} for an {@code endpoint}; {@code http} by default
 * @param apiKeyEnv name of the environment variable that holds the API key; nullable (no auth header)
 * @param weight    relative share of traffic among the model's backends; 1 by default
 * @param chatPath  path of the chat completions call, appended to the base; {@code /v1/chat/completions} for an
 *                  endpoint and {@code /chat/completions} for a base URL by default
 */
public record BackendRef(
        String name,
        String endpoint,
        @JsonProperty("base_url") String baseUrl,
        String protocol,
        @JsonProperty("api_key_env") String apiKeyEnv,
        Integer weight,
        @JsonProperty("chat_path") String chatPath) {

    public BackendRef {
        protocol = protocol == null ? "http" : protocol;
        weight = weight == null ? 1 : weight;
        chatPath = chatPath != null ? chatPath : baseUrl != null ? "/chat/completions" : "/v1/chat/completions";
    }

    /** The URL the HTTP proxy posts chat completions to: the base (or {@code protocol://endpoint}) and the chat path. */
    public String chatUrl() {
        String base = baseUrl != null ? baseUrl : protocol + "://" + endpoint;
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + chatPath;
    }
}
